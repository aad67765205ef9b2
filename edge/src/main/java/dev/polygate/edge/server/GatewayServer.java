package dev.polygate.edge.server;

import dev.polygate.edge.accesslog.AccessLog;
import dev.polygate.edge.accesslog.ExchangeTracker;
import dev.polygate.edge.admin.AdminHandler;
import dev.polygate.edge.config.GatewayConfig;
import dev.polygate.edge.config.ListenerConfig;
import dev.polygate.edge.exchange.HttpExchangeHandler;
import dev.polygate.edge.exchange.ServerContext;
import dev.polygate.edge.runtime.Extensions;
import dev.polygate.edge.runtime.Router;
import dev.polygate.edge.runtime.RoutingSnapshot;
import dev.polygate.edge.websocket.WebSocketSessionHandler;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.GatewayShared;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running gateway: its listeners, the admin listener, the current routing snapshot, and the way to
 * reload and to shut down gracefully.
 */
public final class GatewayServer implements AutoCloseable {
    /** How long the event loops keep running after shutdown starts with nothing new to do. */
    private static final long LOOP_QUIET_MILLIS = 100;

    private final GatewayConfig config;
    private final Transport transport;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final Extensions extensions;
    /** What this gateway's translators share (its reflection catalog): kept across reloads, never across gateways. */
    private final GatewayShared shared;
    private final Router router;
    private final ExchangeTracker tracker;
    private final AccessLog accessLog;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Map<String, Channel> listeners = new LinkedHashMap<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private Channel admin;
    private Path devCaFile;
    private volatile GatewayConfig current;

    private GatewayServer(GatewayConfig config, Extensions extensions, GatewayShared shared, RoutingSnapshot snapshot,
                          AccessLog accessLog) {
        this.config = config;
        this.current = config;
        this.transport = Transport.detect();
        this.acceptors = transport.newGroup(1, "polygate-accept");
        this.workers = transport.newGroup(Integer.getInteger("polygate.eventLoops",
                Runtime.getRuntime().availableProcessors()), "polygate-io");
        this.extensions = extensions;
        this.shared = shared;
        this.router = new Router(snapshot);
        this.accessLog = accessLog;
        this.tracker = new ExchangeTracker(accessLog);
    }

    /** Validates everything, then binds every listener; nothing is bound when the configuration is invalid. */
    public static GatewayServer start(GatewayConfig config) throws Exception {
        Extensions extensions = Extensions.load();
        GatewayShared shared = new GatewayShared();
        RoutingSnapshot snapshot = RoutingSnapshot.build(config, extensions,
                new ConfiguredTranslatorContext(config, Transport.detect().kind(), shared));
        AccessLog accessLog = config.accessLog().enabled() ? AccessLog.open(config.accessLog().file()) : null;
        GatewayServer server = new GatewayServer(config, extensions, shared, snapshot, accessLog);
        try {
            server.bind();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void bind() throws Exception {
        for (ListenerConfig listener : config.listeners()) {
            ServerContext context = new ServerContext(listener.name(), router, tracker, config.limits(), draining::get);
            ProtocolPipelines pipelines = new ProtocolPipelines(context, config.drainTimeout(),
                    listener.webSocketOverHttp2());
            var sni = listener.tls() == null ? null : TlsContexts.build(listener.tls(), config.dataDir(), listener.http2());
            if (sni != null && sni.devCaFile() != null) {
                devCaFile = sni.devCaFile();
            }
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(acceptors, workers)
                    .channel(transport.serverChannelClass())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childHandler(new ListenerInitializer(pipelines, sni == null ? null : sni.sni(), listener.http2(),
                            connections, listener.proxyProtocol()
                            ? config.limits().proxyProtocolTimeout().toNanos() : 0));
            Channel channel = bootstrap.bind(listener.address(), listener.port()).sync().channel();
            listeners.put(listener.name(), channel);
        }
        if (config.admin().enabled()) {
            admin = new ServerBootstrap()
                    .group(acceptors, workers)
                    .channel(transport.serverChannelClass())
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                                    new AdminHandler(() -> !draining.get(), () -> routesJson(),
                                            () -> router.current().refresh(), () -> router.current().documents()));
                        }
                    })
                    .bind(config.admin().address(), config.admin().port()).sync().channel();
        }
    }

    /**
     * The context translator factories see for a configuration that no gateway runs ({@code check}): its
     * translators share only among themselves.
     */
    public static dev.polygate.spi.TranslatorContext contextFor(GatewayConfig config) {
        return new ConfiguredTranslatorContext(config, Transport.detect().kind(), new GatewayShared());
    }

    /** The port a listener is bound to (useful with port 0). */
    public int port(String listenerName) {
        Channel channel = listeners.get(listenerName);
        if (channel == null) {
            throw new IllegalArgumentException("no listener named " + listenerName);
        }
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public int adminPort() {
        return admin == null ? -1 : ((InetSocketAddress) admin.localAddress()).getPort();
    }

    /** The development CA's certificate file, when a listener uses the generated localhost certificate. */
    public Path devCaFile() {
        return devCaFile;
    }

    public String transportName() {
        return transport.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    public long inFlight() {
        return tracker.inFlight();
    }

    public GatewayConfig config() {
        return current;
    }

    public java.util.List<String> routeSummary() {
        return router.current().describe();
    }

    /**
     * Replaces routes, upstreams and policies atomically. Open connections stay; exchanges already running
     * finish on the routes they started with. Listener and limit changes need a restart.
     *
     * @return warnings about parts of the new file that only a restart applies
     */
    public synchronized java.util.List<String> reload(GatewayConfig next) throws ConfigException {
        RoutingSnapshot snapshot = RoutingSnapshot.build(next, extensions,
                new ConfiguredTranslatorContext(next, transport.kind(), shared));
        RoutingSnapshot previous = router.swap(snapshot);
        current = next;
        // Exchanges may still run on the old translators; release them once those have had time to finish.
        workers.schedule(previous::close, next.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
        java.util.List<String> warnings = new java.util.ArrayList<>();
        if (!sockets(next).equals(sockets(config)) || !next.admin().equals(config.admin())) {
            warnings.add("listener changes take effect after a restart");
        }
        if (!next.limits().equals(config.limits())) {
            warnings.add("limit changes take effect after a restart");
        }
        return warnings;
    }

    /** The listeners as far as a restart is needed to change them: everything but their policies. */
    private static java.util.List<ListenerConfig> sockets(GatewayConfig config) {
        return config.listeners().stream().map(ListenerConfig::socket).toList();
    }

    /**
     * Graceful shutdown: stop accepting, let in-flight exchanges finish up to the drain timeout, then close.
     */
    @Override
    public void close() {
        draining.set(true);
        listeners.values().forEach(channel -> channel.close().syncUninterruptibly());
        for (Channel connection : connections) {
            connection.eventLoop().execute(() -> closeGracefully(connection));
        }
        try {
            tracker.awaitIdle(current.drainTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (admin != null) {
            admin.close().syncUninterruptibly();
        }
        router.current().close();
        // A short quiet period keeps the loops running until the closes they start have completed: on io_uring a
        // socket's read buffer is in the kernel's hands until its cancellation comes back, and a loop that stopped
        // at once would never take it back.
        acceptors.shutdownGracefully(LOOP_QUIET_MILLIS, 1000, TimeUnit.MILLISECONDS);
        workers.shutdownGracefully(LOOP_QUIET_MILLIS, 1000, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (accessLog != null) {
            accessLog.close();
        }
    }

    private static void closeGracefully(Channel connection) {
        if (connection.pipeline().get(Http2FrameCodec.class) != null) {
            connection.close(); // the codec sends GOAWAY and waits for open streams up to the drain timeout
            return;
        }
        WebSocketSessionHandler session = connection.pipeline().get(WebSocketSessionHandler.class);
        if (session != null) {
            session.goingAway(); // close 1001, then the connection once the client answers
            return;
        }
        HttpExchangeHandler handler = connection.pipeline().get(HttpExchangeHandler.class);
        if (handler != null) {
            handler.closeWhenIdle();
        } else {
            connection.close();
        }
    }

    private String routesJson() {
        StringBuilder json = new StringBuilder("[");
        for (String route : router.current().describe()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(route))
                    .append('"');
        }
        return json.append(']').toString();
    }
}
