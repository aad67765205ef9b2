package dev.polygate.policies.ratelimit.concurrency;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The exchanges in flight per key on this node, kept across reloads so that exchanges admitted before a reload are
 * counted, and released, in the same place as those after it. A key is in the map only while it has exchanges in
 * flight, so the map is as large as the traffic and no larger.
 */
public final class InFlight {
    private final ConcurrentHashMap<String, int[]> counts = new ConcurrentHashMap<>();

    /** Counts one more exchange of {@code key} if fewer than {@code max} are in flight; the count after, or -1. */
    public int tryAcquire(String key, int max) {
        int[] after = new int[1];
        counts.compute(key, (unused, count) -> {
            int current = count == null ? 0 : count[0];
            if (current >= max) {
                after[0] = -1;
                return count;
            }
            after[0] = current + 1;
            if (count == null) {
                return new int[] {1};
            }
            count[0]++;
            return count;
        });
        return after[0];
    }

    /** One exchange of {@code key} ended. */
    public void release(String key) {
        counts.computeIfPresent(key, (unused, count) -> --count[0] <= 0 ? null : count);
    }

    /** The exchanges of {@code key} in flight now. */
    public int count(String key) {
        int[] count = counts.get(key);
        return count == null ? 0 : count[0];
    }

    /** The keys with exchanges in flight (for tests and the admin API). */
    public int keys() {
        return counts.size();
    }
}
