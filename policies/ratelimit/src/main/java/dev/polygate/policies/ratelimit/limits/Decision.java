package dev.polygate.policies.ratelimit.limits;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What every limit of a policy said about one request: it passes only when each one allows it, and then it counts
 * against each one; a refused request counts against none.
 *
 * @param outcomes one per limit, in the policy's order; empty when the limits could not be checked
 * @param checked  false when the limits could not be checked (the shared store did not answer in time)
 */
public record Decision(List<LimitOutcome> outcomes, boolean checked) {
    private static final Decision UNCHECKED = new Decision(List.of(), false);

    public Decision {
        outcomes = List.copyOf(outcomes);
    }

    public static Decision of(List<LimitOutcome> outcomes) {
        return new Decision(outcomes, true);
    }

    /** The limits could not be checked; the policy's failure mode decides. */
    public static Decision unchecked() {
        return UNCHECKED;
    }

    public boolean allowed() {
        for (LimitOutcome outcome : outcomes) {
            if (!outcome.allowed()) {
                return false;
            }
        }
        return true;
    }

    /** Whole seconds until the request would pass every limit that refused it, at least 1. */
    public long retryAfterSeconds() {
        long nanos = 0;
        for (LimitOutcome outcome : outcomes) {
            nanos = Math.max(nanos, outcome.retryNanos());
        }
        return Math.max(1, ceilSeconds(nanos));
    }

    /** Nanoseconds as whole seconds, rounded up: a client that waits that long is never early. */
    public static long ceilSeconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
