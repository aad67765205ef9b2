package dev.polygate.policies.ratelimit.limits;

/**
 * The generic cell rate algorithm for one limit: a key's whole state is its theoretical arrival time (TAT), the time
 * at which its bucket would be full again. A request is allowed when, one emission interval later, the TAT is still
 * within {@code burst} intervals of now. Times are in nanoseconds on any monotonic clock.
 */
public final class Gcra {
    /** What {@link #admit} returns for a request that must be refused. */
    public static final long REFUSED = Long.MIN_VALUE;
    /** The state of a key never seen: any time in the past. */
    public static final long FRESH = Long.MIN_VALUE;

    private final long interval;
    private final long tolerance;

    public Gcra(LimitSpec spec) {
        this.interval = Math.max(1, spec.periodNanos() / spec.requests());
        this.tolerance = interval * spec.burst();
    }

    /** The time between two requests at the limit's rate. */
    public long interval() {
        return interval;
    }

    /** The TAT after allowing one request at {@code now}, or {@link #REFUSED}. */
    public long admit(long storedTat, long now) {
        long next = Math.max(storedTat, now) + interval;
        return next - tolerance <= now ? next : REFUSED;
    }

    /** The outcome of a request allowed at {@code now} that left the TAT at {@code newTat}. */
    public LimitOutcome allowed(long newTat, long now) {
        long remaining = (now + tolerance - newTat) / interval;
        return LimitOutcome.allowed(remaining, remaining == 0 ? untilNext(newTat, now) : newTat - now);
    }

    /** The outcome of a request refused at {@code now}. */
    public LimitOutcome refused(long storedTat, long now) {
        return LimitOutcome.refused(untilNext(storedTat, now));
    }

    /** What the limit says at {@code now} without counting a request: for the limits another one refused. */
    public LimitOutcome status(long storedTat, long now) {
        long tat = Math.max(storedTat, now);
        long remaining = (now + tolerance - tat) / interval;
        return LimitOutcome.allowed(remaining, remaining == 0 ? untilNext(tat, now) : tat - now);
    }

    private long untilNext(long tat, long now) {
        return Math.max(0, Math.max(tat, now) + interval - tolerance - now);
    }
}
