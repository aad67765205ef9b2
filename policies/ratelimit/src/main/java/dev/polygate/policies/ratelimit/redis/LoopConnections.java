package dev.polygate.policies.ratelimit.redis;

import dev.polygate.spi.TransportKind;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ConnectionBuilder;
import io.lettuce.core.ConnectionEvents;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.EventLoopGroupProvider;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import reactor.core.publisher.Mono;

/**
 * One Redis connection per gateway event loop, registered on that loop itself: a decision made on a loop writes its
 * script on the loop's own connection and gets the answer on the same thread, with no hand-over to a thread of the
 * Redis client and back. A loop's connection is opened (off the loop) the first time a decision runs on it; until
 * it is connected, and while it is down, decisions use the store's own connection.
 *
 * <p>The connection's channels are of the gateway's socket transport (a loop serves its own transport's channels
 * only), whichever Lettuce would pick, and host names are resolved without blocking by a DNS resolver on the loop.
 * For standalone or Sentinel servers; a cluster keeps the store's connection (its client opens one connection per
 * node).
 */
final class LoopConnections implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LoopConnections.class.getName());
    private final RedisURI uri;
    private final ClientOptions options;
    private final ClientResources shared;
    private final TransportKind transport;
    private final Map<EventExecutor, Bound> byLoop = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param transport the socket transport of the gateway's event loops */
    LoopConnections(RedisURI uri, ClientOptions options, ClientResources shared, TransportKind transport) {
        this.uri = uri;
        this.options = options;
        this.shared = shared;
        this.transport = transport;
    }

    /**
     * The commands of {@code loop}'s own connection, or null when it has none connected yet (one is then opened in
     * the background, once per loop).
     */
    BatchedCommands on(EventExecutor loop) {
        Bound bound = byLoop.get(loop);
        if (bound == null) {
            if (closed || !(loop instanceof EventLoop eventLoop)) {
                return null;
            }
            bound = byLoop.computeIfAbsent(loop, unused -> new Bound(eventLoop));
        }
        BatchedCommands connection = bound.connection;
        return connection != null && connection.isOpen() ? connection : null;
    }

    @Override
    public void close() {
        closed = true;
        byLoop.values().forEach(Bound::close);
        byLoop.clear();
    }

    /**
     * A client whose only event loop is one of the gateway's, and its connection once made. Made on the store's own
     * threads: building a client is not work for an event loop, which only asks for it.
     */
    private final class Bound {
        private final EventLoop loop;
        private OnLoopClient client; // guarded by this
        private ClientResources resources; // guarded by this
        private boolean down; // guarded by this
        private volatile BatchedCommands connection;
        private volatile boolean failedBefore;

        Bound(EventLoop loop) {
            this.loop = loop;
            shared.eventExecutorGroup().execute(this::setUp);
        }

        private synchronized void setUp() {
            if (down || closed) {
                return;
            }
            // the store's computation threads and timer serve reconnections; only the channel lives on the loop
            Class<? extends SocketChannel> socket = transport.socketChannel();
            resources = DefaultClientResources.builder().eventLoopGroupProvider(new OneLoop(loop))
                    .eventExecutorGroup(shared.eventExecutorGroup()).timer(shared.timer())
                    .addressResolverGroup(new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                            .datagramChannelType(transport.datagramChannel()).socketChannelType(socket)))
                    .build();
            client = new OnLoopClient(resources, uri, loop, socket);
            client.setOptions(options);
            connect();
        }

        private synchronized void connect() {
            if (down || closed) {
                return;
            }
            client.connectAsync(StringCodec.UTF8, uri).whenComplete((opened, failure) -> {
                if (opened == null) {
                    // not connected (yet): the store's connection serves this loop; try again a little later
                    if (!failedBefore) {
                        failedBefore = true;
                        shared.eventExecutorGroup().execute(() -> LOG.log(Level.INFO, "rate limits: no connection to "
                                + "Redis on event loop " + loop + " (" + transport + ") yet; the shared one serves it", failure));
                    }
                    shared.eventExecutorGroup().schedule(this::connect, 1, TimeUnit.SECONDS);
                } else if (closed) {
                    opened.closeAsync();
                } else {
                    connection = new BatchedCommands(opened, loop); // from now on Lettuce reconnects it by itself
                }
            });
        }

        synchronized void close() {
            down = true;
            if (client == null) {
                return; // never set up
            }
            OnLoopClient closing = client;
            ClientResources released = resources;
            BatchedCommands open = connection;
            (open == null ? CompletableFuture.<Void>completedFuture(null) : open.closeAsync())
                    .whenComplete((done, failure) -> closing.shutdownAsync(0, 2, TimeUnit.SECONDS)
                            .whenComplete((stopped, ignored) -> released.shutdown(0, 2, TimeUnit.SECONDS)));
        }
    }

    /**
     * A client whose channels are registered on one loop, of that loop's transport (whichever Lettuce would pick
     * by itself: with both epoll and io_uring at hand it prefers epoll, where the gateway prefers io_uring).
     */
    private static final class OnLoopClient extends RedisClient {
        private final EventLoop loop;
        private final Class<? extends SocketChannel> socket;

        OnLoopClient(ClientResources resources, RedisURI uri, EventLoop loop, Class<? extends SocketChannel> socket) {
            super(resources, uri);
            this.loop = loop;
            this.socket = socket;
        }

        @Override
        protected void connectionBuilder(Mono<SocketAddress> address, ConnectionBuilder builder, RedisURI uri) {
            super.connectionBuilder(address, builder, uri);
            onLoop(builder, uri);
        }

        @Override
        protected void connectionBuilder(Mono<SocketAddress> address, ConnectionBuilder builder,
                                         ConnectionEvents events, RedisURI uri) {
            super.connectionBuilder(address, builder, events, uri);
            onLoop(builder, uri);
        }

        /**
         * The bootstrap Lettuce configured, made again with the loop's channel class (a bootstrap's channel class is
         * set once): the same options, attributes and resolver.
         */
        @SuppressWarnings({"unchecked", "rawtypes"})
        private void onLoop(ConnectionBuilder builder, RedisURI uri) {
            if (uri.getSocket() != null) {
                return; // a Unix domain socket: Lettuce's own loops
            }
            Bootstrap configured = builder.bootstrap();
            Bootstrap bound = new Bootstrap().group(loop).channel(socket).resolver(configured.config().resolver());
            configured.config().options().forEach((option, value) -> bound.option((ChannelOption) option, value));
            configured.config().attrs().forEach((key, value) -> bound.attr((AttributeKey) key, value));
            builder.bootstrap(bound);
        }
    }

    /** Hands Lettuce one of the gateway's event loops, which Lettuce must never shut down. */
    private static final class OneLoop implements EventLoopGroupProvider {
        private final EventLoop loop;

        OneLoop(EventLoop loop) {
            this.loop = loop;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends EventLoopGroup> T allocate(Class<T> type) {
            return (T) loop; // a loop is a group of one; Lettuce only registers its channel with it
        }

        @Override
        public int threadPoolSize() {
            return 1;
        }

        @Override
        public Future<Boolean> release(EventExecutorGroup group, long quietPeriod, long timeout, TimeUnit unit) {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
        }

        @Override
        public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit unit) {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
        }
    }
}
