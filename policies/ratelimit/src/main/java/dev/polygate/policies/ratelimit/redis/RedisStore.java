package dev.polygate.policies.ratelimit.redis;

import dev.polygate.spi.TransportKind;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.netty.channel.epoll.Epoll;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connection to the Redis that global limits share (standalone, through Sentinel, or a cluster), kept across
 * reloads by the servers it names. It connects in the background and keeps trying until Redis answers; once
 * connected, Lettuce reconnects by itself after Redis goes away. While there is no connection, scripts fail at
 * once (they never queue); a slow Redis is bounded by each decision's deadline, and past {@code QUEUE_LIMIT}
 * unanswered commands scripts fail at once too.
 *
 * <p>Everything is asynchronous, and callers get a future. Standalone and Sentinel servers also get one connection
 * per gateway event loop, on that loop ({@link LoopConnections}); a cluster's connection runs on Lettuce's own loops.
 */
public final class RedisStore implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RedisStore.class.getName());

    static {
        // With both native transports at hand Lettuce picks epoll for its own threads, and warns about it for every
        // client it makes (one per event loop here) though nothing is wrong: told to take epoll, it says nothing.
        // The loops' own connections use the gateway's transport whatever Lettuce picks for its threads;
        // -Dio.lettuce.core.iouring=true still asks it for io_uring there.
        if (System.getProperty("io.lettuce.core.iouring") == null && Epoll.isAvailable()) {
            System.setProperty("io.lettuce.core.iouring", "false");
        }
    }

    /** Commands Lettuce holds for one connection at most; past it they fail at once. */
    private static final int QUEUE_LIMIT = 10_000;
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** What follows a command on a connection that flushes each command itself. */
    private static final Runnable FLUSHED = () -> { };

    private final String description;
    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final boolean cluster;
    private final List<RedisURI> uris;
    /** Connections on the gateway's own event loops; null for a cluster. */
    private final LoopConnections loops;
    private volatile StatefulConnection<String, String> connection;
    /**
     * The commands once connected. Pending during the first attempt (so the first decisions wait for it, within
     * their timeout); failed while attempts fail (so decisions fail at once); complete once one succeeded.
     */
    private volatile CompletableFuture<RedisScriptingAsyncCommands<String, String>> commands = new CompletableFuture<>();
    private volatile boolean closed;
    private volatile boolean failing;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong lastReport = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    /** @param transport the gateway's socket transport, which its event loops' own connections use */
    public RedisStore(RedisSettings settings, TransportKind transport) {
        this.cluster = settings.cluster();
        this.uris = settings.uris().stream().map(RedisURI::create).toList();
        this.description = uris.toString();
        // the fewest threads Lettuce takes: one connection uses one I/O thread, on which its answers complete
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        SocketOptions socket = SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).keepAlive(true).build();
        // no timeout per command: Lettuce would schedule a task on another thread for each one, which costs more
        // than the round trip; each decision's deadline is kept by the policy chain's timer, which exists anyway
        TimeoutOptions timeouts = TimeoutOptions.builder().timeoutCommands(false).build();
        if (cluster) {
            RedisClusterClient clusterClient = RedisClusterClient.create(resources, uris);
            clusterClient.setOptions(ClusterClientOptions.builder()
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enableAllAdaptiveRefreshTriggers().enablePeriodicRefresh(Duration.ofSeconds(30)).build())
                    .autoReconnect(true).disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .requestQueueSize(QUEUE_LIMIT).socketOptions(socket).timeoutOptions(timeouts).build());
            this.client = clusterClient;
            this.loops = null;
        } else {
            RedisClient single = RedisClient.create(resources);
            ClientOptions options = ClientOptions.builder().autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .requestQueueSize(QUEUE_LIMIT).socketOptions(socket).timeoutOptions(timeouts).build();
            single.setOptions(options);
            this.client = single;
            this.loops = new LoopConnections(uris.get(0), options, resources, transport);
        }
        connect(Duration.ofMillis(100));
    }

    private void connect(Duration nextDelay) {
        if (closed) {
            return;
        }
        CompletionStage<? extends StatefulConnection<String, String>> attempt;
        if (cluster) {
            RedisClusterClient clusterClient = (RedisClusterClient) client;
            // the asynchronous connect needs the cluster's topology first, read from the seed nodes
            attempt = clusterClient.refreshPartitionsAsync()
                    .thenCompose(read -> clusterClient.connectAsync(StringCodec.UTF8));
        } else {
            attempt = ((RedisClient) client).connectAsync(StringCodec.UTF8, uris.get(0));
        }
        attempt.whenComplete((opened, failure) -> {
            if (failure != null) {
                report(failure);
                CompletableFuture<RedisScriptingAsyncCommands<String, String>> pending = commands;
                if (!pending.completeExceptionally(failure)) {
                    commands = CompletableFuture.failedFuture(failure);
                }
                if (!closed) {
                    Duration after = nextDelay.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0
                            ? Duration.ofSeconds(2) : nextDelay.multipliedBy(2);
                    resources.eventExecutorGroup().schedule(() -> connect(after), nextDelay.toMillis(),
                            TimeUnit.MILLISECONDS);
                }
                return;
            }
            if (closed) {
                opened.closeAsync();
                return;
            }
            connection = opened;
            RedisScriptingAsyncCommands<String, String> ready = cluster
                    ? ((io.lettuce.core.cluster.api.StatefulRedisClusterConnection<String, String>) opened).async()
                    : ((io.lettuce.core.api.StatefulRedisConnection<String, String>) opened).async();
            CompletableFuture<RedisScriptingAsyncCommands<String, String>> pending = commands;
            if (!pending.complete(ready)) {
                commands = CompletableFuture.completedFuture(ready); // after failed attempts
            }
            log(Level.INFO, "rate limits: connected to Redis " + description);
        });
    }

    /**
     * Runs the limits' script: by its digest, and by its text when this Redis does not hold it yet (after a restart,
     * or on a cluster node that never ran it). During the first connection attempt the script waits for it; the
     * caller's deadline bounds that wait like any other.
     */
    CompletableFuture<List<Object>> evaluate(String[] keys, String[] arguments, EventExecutor loop) {
        BatchedCommands own = loops == null ? null : loops.on(loop);
        if (own != null) {
            return evaluate(own.commands(), keys, arguments, own::flushSoon);
        }
        CompletableFuture<RedisScriptingAsyncCommands<String, String>> ready = commands;
        if (ready.isDone() && !ready.isCompletedExceptionally()) {
            return evaluate(ready.getNow(null), keys, arguments, FLUSHED);
        }
        return ready.thenCompose(connected -> evaluate(connected, keys, arguments, FLUSHED));
    }

    /**
     * @param written run after each command is written: sends it on a connection that does not flush by itself
     */
    private static CompletableFuture<List<Object>> evaluate(RedisScriptingAsyncCommands<String, String> redis,
                                                            String[] keys, String[] arguments, Runnable written) {
        CompletableFuture<List<Object>> byDigest = redis.<List<Object>>evalsha(LimitScript.SHA, ScriptOutputType.MULTI,
                keys, arguments).toCompletableFuture();
        written.run();
        return byDigest.exceptionallyCompose(failure -> {
            if (!(unwrap(failure) instanceof RedisNoScriptException)) {
                return CompletableFuture.failedFuture(failure);
            }
            CompletableFuture<List<Object>> byText = redis.<List<Object>>eval(LimitScript.SOURCE,
                    ScriptOutputType.MULTI, keys, arguments).toCompletableFuture();
            written.run();
            return byText;
        });
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** Whether one script run may carry the decisions of different keys: not on a cluster, which hashes keys to nodes. */
    boolean batches() {
        return !cluster;
    }

    /** Redis answered: limits are enforced again. */
    void answered() {
        if (failing) {
            failing = false;
            log(Level.INFO, "rate limits: Redis " + description + " answers again (" + failures.getAndSet(0)
                    + " decisions could not be checked)");
        }
    }

    /** Redis did not answer in time: said once, then at most every ten seconds with a count. */
    void report(Throwable failure) {
        long count = failures.incrementAndGet();
        long now = System.nanoTime();
        long last = lastReport.get();
        if ((!failing || now - last >= LOG_EVERY_NANOS) && lastReport.compareAndSet(last, now)) {
            log(Level.WARNING, "rate limits: Redis " + description + " does not answer ("
                    + describe(unwrap(failure)) + "); global limits follow their failure mode (" + count
                    + " decisions so far)");
        }
        failing = true;
    }

    /**
     * Logs off the calling thread: decisions complete on event loops (an event loop of the gateway's when Redis
     * refuses a command at once), where writing a log line would block.
     */
    private static void log(Level level, String message) {
        ForkJoinPool.commonPool().execute(() -> LOG.log(level, message));
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    @Override
    public void close() {
        closed = true;
        if (loops != null) {
            loops.close();
        }
        StatefulConnection<String, String> open = connection;
        CompletableFuture<Void> closing = open == null ? CompletableFuture.completedFuture(null) : open.closeAsync();
        closing.whenComplete((done, failure) -> client.shutdownAsync(0, 2, TimeUnit.SECONDS)
                .whenComplete((down, ignored) -> resources.shutdown(0, 2, TimeUnit.SECONDS)));
    }
}
