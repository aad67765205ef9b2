package dev.polygate.policies.auth;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The authentication methods' pool for work that must not run on an event loop (password hashes, blocking fetches):
 * a few threads and a bounded queue. When the queue is full it refuses work with a
 * {@link java.util.concurrent.RejectedExecutionException}, which a method answers with a 503 rather than letting
 * waiting checks pile up. Kept across reloads (one per gateway), closed when no configuration uses it; its threads
 * stop when idle.
 */
final class BlockingPool implements Executor, AutoCloseable {
    static final String KEY = "auth.blocking-pool";
    /** Checks waiting for a thread beyond those running; a flood of wrong passwords waits no longer than this. */
    static final int QUEUE = 256;

    private final ThreadPoolExecutor executor;

    BlockingPool() {
        this(Math.max(2, Runtime.getRuntime().availableProcessors()), QUEUE);
    }

    BlockingPool(int threads, int queue) {
        executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                new Named(), new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    /** Refuses new work; what runs or waits finishes. */
    @Override
    public void close() {
        executor.shutdown();
    }

    private static final class Named implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "polygate-auth-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
