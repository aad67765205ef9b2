import org.HdrHistogram.Histogram;

/**
 * What one closed-loop session counted while the measurement ran: replies and their latencies (microseconds,
 * up to a minute, three significant digits), and wrong or failed replies. Shared between the session's I/O thread
 * and the main thread that sums up at the end, hence synchronized (never contended while measuring).
 */
final class Tally {
    private final Histogram latencies = new Histogram(60_000_000L, 3);
    private long replies;
    private long errors;

    synchronized void reply(long latencyNanos) {
        replies++;
        latencies.recordValue(Math.max(1, Math.min(latencyNanos / 1000, 60_000_000L)));
    }

    synchronized void error() {
        errors++;
    }

    synchronized long replies() {
        return replies;
    }

    synchronized long errors() {
        return errors;
    }

    synchronized void addLatenciesTo(Histogram total) {
        total.add(latencies);
    }
}
