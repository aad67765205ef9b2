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

/**
 * Opens a backend WebSocket on the client's event loop: TCP (and TLS for {@code wss://}), then the HTTP/1.1
 * upgrade, or with {@code http2} an HTTP/2 connection (h2 by ALPN, or h2c with prior knowledge) and an RFC 8441
 * extended CONNECT, all within the route's handshake timeout. Each session has a connection of its own: an upgraded
 * connection cannot be shared or reused, and an HTTP/2 one per session keeps a session's failure its own.
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

    BackendConnector(WsBackendConfig config, TransportKind transport, SslContext ssl) {
        this.config = config;
        this.transport = transport;
        this.ssl = ssl;
        this.resolver = UpstreamChannels.resolver(transport);
    }

    /** The backend channel is returned with reading off; the caller turns it on once the client's side is ready. */
    Future<BackendHandshake.Accepted> open(EventLoop loop, WsEndpoint endpoint, String pathAndQuery,
                                           String subprotocols, HttpHeaders headers, boolean sendOrigin) {
        Promise<BackendHandshake.Accepted> result = loop.newPromise();
        URI uri = endpoint.uri(pathAndQuery);
        long timeoutMillis = Math.max(1, config.handshakeTimeout().toMillis());
        ChannelFuture connect = new Bootstrap()
                .group(loop)
                .channel(UpstreamChannels.socket(transport))
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
                        if (config.http2()) {
                            channel.pipeline().addLast("h2", Http2FrameCodecBuilder.forClient()
                                    .initialSettings(Http2Settings.defaultSettings().pushEnabled(false)).build());
                            channel.pipeline().addLast("h2-streams", new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                            channel.pipeline().addLast("extended-connect", new ExtendedConnectOpener(uri, subprotocols,
                                    headers, config.maxFrameSize(), result));
                            return;
                        }
                        channel.pipeline().addLast("http", new HttpClientCodec());
                        channel.pipeline().addLast("aggregate", new HttpObjectAggregator(64 * 1024));
                        channel.pipeline().addLast("handshake", new BackendHandshake(uri, subprotocols, headers,
                                sendOrigin, config.maxFrameSize(), result));
                    }
                })
                .connect(endpoint.address());
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                result.tryFailure(f.cause());
            }
        });
        var timer = loop.schedule(() -> {
            if (result.tryFailure(new TimedOut())) {
                connect.channel().close();
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        result.addListener(f -> {
            timer.cancel(false);
            if (f.isSuccess()) {
                result.getNow().channel().config().setAutoRead(false);
            } else {
                connect.channel().close();
            }
        });
        return result;
    }
}
