package dev.polygate.translators.http;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The idle and total deadlines of one exchange. Activity only stamps a time; the idle task looks at the
 * stamp when it fires and reschedules itself for the rest, so a streamed body costs no timer per chunk.
 */
final class ExchangeTimers {
    private final EventLoop loop;
    private final long idleNanos;
    private final long totalNanos;
    private final Runnable onIdle;
    private final Runnable onTotal;
    private ScheduledFuture<?> idleTask;
    private ScheduledFuture<?> totalTask;
    private long lastActivity;
    private boolean idleRunning;
    private boolean idleSuspended;

    ExchangeTimers(EventLoop loop, Duration idle, Duration total, Runnable onIdle, Runnable onTotal) {
        this.loop = loop;
        this.idleNanos = idle.toNanos();
        this.totalNanos = total.toNanos();
        this.onIdle = onIdle;
        this.onTotal = onTotal;
    }

    void startTotal() {
        if (totalNanos > 0) {
            totalTask = loop.schedule(onTotal, totalNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** From the moment the request head is on its way. */
    void startIdle() {
        if (idleNanos <= 0) {
            return;
        }
        idleRunning = true;
        idleSuspended = false;
        activity();
        if (idleTask == null) {
            scheduleIdleCheck(idleNanos);
        }
    }

    /** The upstream sent something or took a chunk of the request. */
    void activity() {
        lastActivity = System.nanoTime();
    }

    /** We stopped reading because the client is slow: the upstream's silence is ours, not its own. */
    void suspendIdle() {
        idleSuspended = true;
    }

    void resumeIdle() {
        if (idleSuspended) {
            idleSuspended = false;
            activity();
        }
    }

    void stopIdle() {
        idleRunning = false;
        if (idleTask != null) {
            idleTask.cancel(false);
            idleTask = null;
        }
    }

    void cancel() {
        stopIdle();
        if (totalTask != null) {
            totalTask.cancel(false);
            totalTask = null;
        }
    }

    private void scheduleIdleCheck(long delayNanos) {
        idleTask = loop.schedule(this::checkIdle, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkIdle() {
        idleTask = null;
        if (!idleRunning) {
            return;
        }
        if (idleSuspended) {
            scheduleIdleCheck(idleNanos);
            return;
        }
        long silent = System.nanoTime() - lastActivity;
        if (silent >= idleNanos) {
            idleRunning = false;
            onIdle.run();
        } else {
            scheduleIdleCheck(idleNanos - silent);
        }
    }
}
