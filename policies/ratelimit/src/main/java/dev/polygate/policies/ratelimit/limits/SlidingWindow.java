package dev.polygate.policies.ratelimit.limits;

/**
 * A sliding window for one limit, estimated from two fixed windows: the count of the current one plus the count of
 * the previous one weighted by how much of it the sliding window still covers. A key's whole state is a {@link
 * Count}. The estimate assumes the previous window's requests came evenly spread; when they came in a burst at its
 * end, up to that burst more may pass in the sliding window than the limit says (never more than twice the limit
 * over any span of one window). Times are in nanoseconds; windows are aligned on multiples of the period.
 */
public final class SlidingWindow {
    private final long window;
    private final long limit;

    /** A key's counts: of the window numbered {@code index} and of the one before it. */
    public record Count(long index, long current, long previous) {
    }

    public SlidingWindow(LimitSpec spec) {
        this.window = spec.periodNanos();
        this.limit = spec.requests();
    }

    /** The counts as of {@code now}: moved on by one or more windows when time has moved on. */
    public Count align(Count stored, long now) {
        long index = Math.floorDiv(now, window);
        if (stored == null || stored.index() < index - 1) {
            return new Count(index, 0, 0);
        }
        if (stored.index() == index - 1) {
            return new Count(index, 0, stored.current());
        }
        return stored;
    }

    /** The counts after allowing one request at {@code now}, or null when it must be refused. */
    public Count admit(Count aligned, long now) {
        return estimate(aligned, now) + 1 <= limit
                ? new Count(aligned.index(), aligned.current() + 1, aligned.previous()) : null;
    }

    /** The outcome of a request allowed at {@code now} that left the counts at {@code after}. */
    public LimitOutcome allowed(Count after, long now) {
        return status(after, now);
    }

    /** The outcome of a request refused at {@code now}. */
    public LimitOutcome refused(Count aligned, long now) {
        return LimitOutcome.refused(untilNext(aligned, now));
    }

    /** What the limit says at {@code now} without counting a request. */
    public LimitOutcome status(Count aligned, long now) {
        long remaining = Math.max(0, (long) Math.floor(limit - estimate(aligned, now)));
        return LimitOutcome.allowed(remaining, remaining == 0 ? untilNext(aligned, now) : untilWindowEnds(aligned, now));
    }

    private double estimate(Count count, long now) {
        long left = untilWindowEnds(count, now);
        return count.previous() * ((double) left / window) + count.current();
    }

    private long untilWindowEnds(Count count, long now) {
        return Math.max(0, (count.index() + 1) * window - now);
    }

    /** The time until one more request fits: the previous window's share fades first, then the current one's. */
    private long untilNext(Count count, long now) {
        long left = untilWindowEnds(count, now);
        if (count.current() + 1 <= limit) {
            if (count.previous() == 0) {
                return 0;
            }
            // previous * (left - wait) / window <= limit - 1 - current
            double wait = left - (double) (limit - 1 - count.current()) * window / count.previous();
            return Math.max(0, (long) Math.ceil(wait));
        }
        // next window: current becomes previous, weighted by what is left of it
        double wait = window - (double) (limit - 1) * window / count.current();
        return left + Math.max(0, (long) Math.ceil(wait));
    }
}
