package dev.polygate.policies.ratelimit.local;

import dev.polygate.policies.ratelimit.limits.LimitOutcome;

/** The counters of one limit on this node, one per key. Safe for any thread; never blocks. */
public interface LocalLimit {
    /** Counts one request of {@code key} at {@code now} when the limit allows it. */
    LimitOutcome tryAcquire(String key, long now);

    /** Takes back a request counted by {@link #tryAcquire}, when another limit of the policy refused it. */
    void refund(String key, long now);

    /** What the limit says for {@code key} at {@code now}, counting nothing. */
    LimitOutcome status(String key, long now);
}
