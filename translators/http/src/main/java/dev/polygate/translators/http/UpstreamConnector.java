package dev.polygate.translators.http;

import dev.polygate.spi.TransportKind;
import dev.polygate.spi.UpstreamConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;

/** Opens connections to an upstream's endpoints on a given event loop, ready for the negotiated protocol. */
final class UpstreamConnector {
    private final UpstreamConfig config;
    private final TransportKind transport;
    private final SslContext sslContext;
    private final AddressResolverGroup<InetSocketAddress> resolver;

    /** @param sslContext null when the upstream has no https endpoint */
    UpstreamConnector(UpstreamConfig config, TransportKind transport, SslContext sslContext,
                      AddressResolverGroup<InetSocketAddress> resolver) {
        this.config = config;
        this.transport = transport;
        this.sslContext = sslContext;
        this.resolver = resolver;
    }

    /**
     * Connects on {@code loop} itself, so the connection and the exchanges it serves share one thread. The
     * future completes once requests can be sent: after TCP connect, and for https after the TLS handshake.
     */
    Future<UpstreamConnection> connect(Endpoint endpoint, EventLoop loop) {
        Promise<UpstreamConnection> ready = loop.newPromise();
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.socketChannel())
                .resolver(resolver)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        Math.max(1, config.connectTimeout().toMillis())))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        UpstreamConnection connection = new UpstreamConnection(channel, endpoint);
                        switch (endpoint.scheme()) {
                            case HTTP -> UpstreamPipelines.http1(channel.pipeline(), connection);
                            case H2C -> UpstreamPipelines.http2(channel.pipeline(), connection);
                            case HTTPS -> {
                                SslHandler tls = tlsHandler(channel, endpoint);
                                // Fails with the handshake's own cause, before the close that follows it.
                                tls.handshakeFuture().addListener(f -> {
                                    if (!f.isSuccess()) {
                                        ready.tryFailure(f.cause());
                                    }
                                });
                                channel.pipeline().addLast("tls", tls);
                                channel.pipeline().addLast("alpn", new AlpnPipelineSetup(connection, ready));
                            }
                        }
                        channel.attr(ConnectionAttribute.KEY).set(connection);
                    }
                });
        ChannelFuture connected = bootstrap.connect(endpoint.address());
        connected.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                ready.tryFailure(f.cause());
            } else if (endpoint.scheme() != Scheme.HTTPS) {
                ready.trySuccess(f.channel().attr(ConnectionAttribute.KEY).get());
            }
        });
        return ready;
    }

    private SslHandler tlsHandler(Channel channel, Endpoint endpoint) {
        String serverName = config.tls() != null && config.tls().serverName() != null
                ? config.tls().serverName() : endpoint.host();
        // The peer host given here is both the SNI name and the name the certificate is verified against.
        SslHandler handler = sslContext.newHandler(channel.alloc(), serverName, endpoint.port());
        handler.setHandshakeTimeoutMillis(Math.max(1, config.connectTimeout().toMillis()));
        return handler;
    }
}
