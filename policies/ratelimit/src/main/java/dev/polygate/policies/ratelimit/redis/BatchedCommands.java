package dev.polygate.policies.ratelimit.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * The commands of an event loop's own Redis connection, written without a flush each: the first command written in
 * a pass of the loop schedules one flush for the end of that pass. The decisions of every request the loop read in
 * one pass thus go to Redis in one write, which Redis reads at once and answers in one write, instead of one system
 * call per decision on each side.
 */
final class BatchedCommands {
    private final StatefulRedisConnection<String, String> connection;
    private final EventLoop loop;
    private final Runnable flush = this::flush;
    /** Whether a flush is scheduled on the loop; read and written on the loop only. */
    private boolean flushScheduled;

    BatchedCommands(StatefulRedisConnection<String, String> connection, EventLoop loop) {
        this.connection = connection;
        this.loop = loop;
        connection.setAutoFlushCommands(false);
    }

    RedisScriptingAsyncCommands<String, String> commands() {
        return connection.async();
    }

    boolean isOpen() {
        return connection.isOpen();
    }

    /** Sends what was written, at the end of the loop's current pass (at once when called off the loop). */
    void flushSoon() {
        if (!loop.inEventLoop()) {
            connection.flushCommands();
        } else if (!flushScheduled) {
            flushScheduled = true;
            try {
                loop.execute(flush);
            } catch (RejectedExecutionException shuttingDown) {
                flush();
            }
        }
    }

    private void flush() {
        flushScheduled = false;
        connection.flushCommands();
    }

    CompletableFuture<Void> closeAsync() {
        return connection.closeAsync();
    }
}
