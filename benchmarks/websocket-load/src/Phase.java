/**
 * The time line shared by all sessions of a closed-loop run: a warm-up (sent, not counted), then the measured window
 * (replies that arrive in it are counted), then nothing more is sent.
 */
final class Phase {
    private volatile long startNanos = Long.MAX_VALUE;
    private volatile long endNanos = Long.MAX_VALUE;
    private volatile boolean sending = true;

    /** Starts the clock: {@code warmupSeconds} of warm-up from now, then {@code seconds} measured. */
    void begin(long warmupSeconds, long seconds) {
        long start = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        endNanos = start + seconds * 1_000_000_000L;
        startNanos = start;
    }

    boolean measuring(long nowNanos) {
        return nowNanos >= startNanos && nowNanos <= endNanos;
    }

    boolean sending() {
        return sending && System.nanoTime() <= endNanos;
    }

    void stop() {
        sending = false;
    }

    /** Runs the warm-up and the measured window on the calling thread, reading the CPU ticks around the latter. */
    void run(CpuTicks cpu) throws InterruptedException {
        sleepUntil(startNanos);
        cpu.start();
        sleepUntil(endNanos);
        stop();
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
            Thread.sleep(Math.max(1, left / 1_000_000), 0);
        }
    }
}
