package dev.polygate.policies.ratelimit.local;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.polygate.policies.ratelimit.limits.Gcra;
import dev.polygate.policies.ratelimit.limits.LimitOutcome;
import dev.polygate.policies.ratelimit.limits.LimitSpec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A GCRA limit's counters on this node: one theoretical arrival time per key, moved by compare-and-set. A key
 * unused for the bucket's refill time holds nothing a fresh key would not, so it expires then; the map is bounded.
 */
final class GcraCounters implements LocalLimit, AutoCloseable {
    private final Gcra gcra;
    private final Cache<String, AtomicLong> arrivals;

    GcraCounters(LimitSpec spec, long maxKeys) {
        this.gcra = new Gcra(spec);
        Duration refill = Duration.ofNanos(spec.periodNanos() / spec.requests() * spec.burst());
        this.arrivals = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(refill.plusSeconds(1)).build();
    }

    private AtomicLong arrival(String key) {
        return arrivals.get(key, unused -> new AtomicLong(Gcra.FRESH));
    }

    @Override
    public LimitOutcome tryAcquire(String key, long now) {
        AtomicLong arrival = arrival(key);
        while (true) {
            long stored = arrival.get();
            long next = gcra.admit(stored, now);
            if (next == Gcra.REFUSED) {
                return gcra.refused(stored, now);
            }
            if (arrival.compareAndSet(stored, next)) {
                return gcra.allowed(next, now);
            }
        }
    }

    @Override
    public void refund(String key, long now) {
        arrival(key).addAndGet(-gcra.interval());
    }

    @Override
    public LimitOutcome status(String key, long now) {
        return gcra.status(arrival(key).get(), now);
    }

    @Override
    public void close() {
        arrivals.invalidateAll();
    }
}
