/**
 * The measurement window shared by all sessions of a closed-loop run: sessions send while it is open and count
 * replies that arrive before its end.
 */
final class Phase {
    private volatile long endNanos = Long.MAX_VALUE;
    private volatile boolean sending = true;

    void startMeasuring(long seconds) {
        endNanos = System.nanoTime() + seconds * 1_000_000_000L;
    }

    boolean measuring(long nowNanos) {
        return nowNanos <= endNanos;
    }

    boolean sending() {
        return sending && System.nanoTime() <= endNanos;
    }

    void stop() {
        sending = false;
    }
}
