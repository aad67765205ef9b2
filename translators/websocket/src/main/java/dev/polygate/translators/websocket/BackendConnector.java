package dev.polygate.translators.websocket;

import dev.polygate.spi.TransportKind;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Opens a backend WebSocket on the client's event loop: TCP (and TLS for {@code wss://}), then the HTTP/1.1
 * upgrade, or with {@code http2} an HTTP/2 connection (h2 by ALPN, or h2c with prior knowledge) and an RFC 8441
 * extended CONNECT, all within the route's handshake timeout. An HTTP/1.1 session has a connection of its own (an
 * upgraded connection cannot be shared or reused); HTTP/2 sessions of one event loop to one endpoint share a
 * connection, each a stream, as far as the server's stream limit allows ({@link Http2BackendConnection}).
 *
 * <p>The channel of the answer is the one carrying the session's frames: the connection, or the HTTP/2 stream.
 */
final class BackendConnector {
    /** The handshake took longer than the route allows. */
    static final class TimedOut extends Exception {
        private static final long serialVersionUID = 1L;

        TimedOut() {
            super("the backend handshake timed out", null, false, false);
        }
    }

    private final WsBackendConfig config;
    private final TransportKind transport;
    private final SslContext ssl;
    private final AddressResolverGroup<InetSocketAddress> resolver;
    private final Http2BackendPool http2Connections = new Http2BackendPool();

    BackendConnector(WsBackendConfig config, TransportKind transport, AddressResolverGroup<InetSocketAddress> resolver,
                     SslContext ssl) {
        this.config = config;
        this.transport = transport;
        this.resolver = resolver;
        this.ssl = ssl;
    }

    /** The backend channel is returned with reading off; the caller turns it on once the client's side is ready. */
    Future<BackendHandshake.Accepted> open(EventLoop loop, WsEndpoint endpoint, String pathAndQuery,
                                           String subprotocols, HttpHeaders headers, boolean sendOrigin) {
        Promise<BackendHandshake.Accepted> result = loop.newPromise();
        URI uri = endpoint.uri(pathAndQuery);
        long timeoutMillis = Math.max(1, config.handshakeTimeout().toMillis());
        var timer = loop.schedule(() -> result.tryFailure(new TimedOut()), timeoutMillis, TimeUnit.MILLISECONDS);
        result.addListener(f -> {
            timer.cancel(false);
            if (f.isSuccess()) {
                result.getNow().channel().config().setAutoRead(false);
            }
        });
        if (config.http2()) {
            ExtendedConnectOpener opener = new ExtendedConnectOpener(uri, subprotocols, headers, config.maxFrameSize());
            if (loop.inEventLoop()) {
                openOverHttp2(loop, endpoint, opener, result, timeoutMillis);
            } else {
                loop.execute(() -> openOverHttp2(loop, endpoint, opener, result, timeoutMillis));
            }
            return result;
        }
        ChannelFuture connect = connect(loop, endpoint, timeoutMillis, result, channel -> {
            channel.pipeline().addLast("http", new HttpClientCodec());
            channel.pipeline().addLast("aggregate", new HttpObjectAggregator(64 * 1024));
            channel.pipeline().addLast("handshake", new BackendHandshake(uri, subprotocols, headers, sendOrigin,
                    config.maxFrameSize(), result));
        });
        result.addListener(f -> {
            if (!f.isSuccess()) {
                connect.channel().close();
            }
        });
        return result;
    }

    /** On a ready connection of this loop that takes another stream, else on a new one (pooled once ready). */
    private void openOverHttp2(EventLoop loop, WsEndpoint endpoint, ExtendedConnectOpener opener,
                               Promise<BackendHandshake.Accepted> result, long timeoutMillis) {
        if (result.isDone()) {
            return;
        }
        Http2BackendConnection shared = http2Connections.find(loop, endpoint);
        if (shared != null) {
            shared.open(opener, result);
            return;
        }
        Promise<Http2BackendConnection> ready = loop.newPromise();
        Http2BackendConnection[] created = new Http2BackendConnection[1];
        created[0] = new Http2BackendConnection(ready, () -> http2Connections.remove(loop, endpoint, created[0]));
        ChannelFuture connect = connect(loop, endpoint, timeoutMillis, result, channel -> {
            channel.pipeline().addLast("h2", Http2FrameCodecBuilder.forClient()
                    .initialSettings(Http2Settings.defaultSettings().pushEnabled(false)).build());
            channel.pipeline().addLast("h2-streams", new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
            channel.pipeline().addLast("h2-connection", created[0]);
        });
        ready.addListener(f -> {
            if (!f.isSuccess()) {
                result.tryFailure(f.cause());
            } else if (!result.isDone()) {
                http2Connections.add(loop, endpoint, created[0]);
                created[0].open(opener, result);
            } else if (created[0].unused()) {
                connect.channel().close();
            }
        });
        result.addListener(f -> {
            if (!f.isSuccess() && created[0].unused()) {
                connect.channel().close();
            }
        });
    }

    /** TCP, then TLS for a secure endpoint, then {@code protocol}'s handlers; a failed connect fails {@code result}. */
    private ChannelFuture connect(EventLoop loop, WsEndpoint endpoint, long timeoutMillis,
                                  Promise<BackendHandshake.Accepted> result, Consumer<Channel> protocol) {
        ChannelFuture connect = new Bootstrap()
                .group(loop)
                .channel(transport.socketChannel())
                .resolver(resolver)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        Math.min(timeoutMillis, Math.max(1, config.upstream().connectTimeout().toMillis()))))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (endpoint.secure()) {
                            String serverName = config.upstream().tls() != null && config.upstream().tls().serverName() != null
                                    ? config.upstream().tls().serverName() : endpoint.host();
                            SslHandler tls = ssl.newHandler(channel.alloc(), serverName, endpoint.port());
                            tls.setHandshakeTimeoutMillis(timeoutMillis);
                            channel.pipeline().addLast("tls", tls);
                        }
                        protocol.accept(channel);
                    }
                })
                .connect(endpoint.address());
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                result.tryFailure(f.cause());
            }
        });
        return connect;
    }
}
