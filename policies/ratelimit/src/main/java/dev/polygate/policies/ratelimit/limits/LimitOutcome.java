package dev.polygate.policies.ratelimit.limits;

/**
 * What one limit says about one request.
 *
 * @param allowed     whether the limit lets it through
 * @param remaining   how many more requests the key may make now
 * @param resetNanos  when {@code remaining} is 0, the time until a request is allowed again; otherwise the time
 *                    until the limit is whole again (GCRA) or until the current window ends (sliding window)
 * @param retryNanos  when refused, the time until this request would be allowed; 0 when allowed
 */
public record LimitOutcome(boolean allowed, long remaining, long resetNanos, long retryNanos) {

    public static LimitOutcome allowed(long remaining, long resetNanos) {
        return new LimitOutcome(true, remaining, resetNanos, 0);
    }

    public static LimitOutcome refused(long retryNanos) {
        return new LimitOutcome(false, 0, retryNanos, retryNanos);
    }
}
