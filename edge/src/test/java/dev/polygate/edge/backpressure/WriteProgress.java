package dev.polygate.edge.backpressure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many body bytes a backend has managed to hand to its transport, and a wait until that stops growing: a
 * relay that stops reading while its client reads nothing holds the backend back after a few buffers' worth.
 */
final class WriteProgress {
    /** A second without a completed write: the socket buffers and windows on the way are full. */
    private static final long QUIET_MILLIS = 1000;
    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private final AtomicLong bytes = new AtomicLong();
    private final Semaphore moved = new Semaphore(0);

    void add(long count) {
        bytes.addAndGet(count);
        moved.release();
    }

    long bytes() {
        return bytes.get();
    }

    /**
     * Waits until the backend stops writing (with the relay's pause removed it stops too, once the whole response
     * is written into the gateway) and checks that it had written something, but less than {@code bound}.
     */
    void assertSettlesBelow(long bound) throws InterruptedException {
        long written = awaitSettled();
        assertThat(written).as("bytes the backend wrote while the client read nothing").isPositive()
                .isLessThan(bound);
    }

    private long awaitSettled() throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT_NANOS;
        while (System.nanoTime() < deadline) {
            moved.drainPermits();
            if (!moved.tryAcquire(QUIET_MILLIS, TimeUnit.MILLISECONDS)) {
                return bytes.get();
            }
        }
        throw new AssertionError("the backend was still writing after 30 s: " + bytes.get() + " bytes");
    }
}
