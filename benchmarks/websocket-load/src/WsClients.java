import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.util.function.Supplier;

/**
 * Opens client WebSocket sessions (RFC 6455 handshake over HTTP/1.1, masked frames as a client must send them):
 * the future completes with the channel once the server accepted the handshake, with the session's handler last
 * in its pipeline.
 */
final class WsClients {
    private final Bootstrap bootstrap;
    private final URI uri;
    private final String subprotocol;

    WsClients(EventLoopGroup group, URI uri, String subprotocol) {
        this.bootstrap = new Bootstrap().group(group).channel(Transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
        this.uri = uri;
        this.subprotocol = subprotocol == null || subprotocol.isEmpty() ? null : subprotocol;
    }

    /** @param source the local address to connect from (null: the kernel's choice) */
    Future<Channel> open(InetAddress source, Supplier<ChannelHandler> session) {
        Promise<Channel> handshaken = ImmediateEventExecutor.INSTANCE.newPromise();
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .subprotocol(subprotocol)
                .generateOriginHeader(false)
                .handshakeTimeoutMillis(30_000)
                .maxFramePayloadLength(1 << 20)
                .withUTF8Validator(false)
                .build();
        Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                        new WebSocketClientProtocolHandler(config), new HandshakeWatch(handshaken), session.get());
            }
        });
        InetSocketAddress remote = new InetSocketAddress(uri.getHost(), uri.getPort());
        ChannelFuture connected = source == null ? b.connect(remote) : b.connect(remote, new InetSocketAddress(source, 0));
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                handshaken.tryFailure(f.cause());
            }
        });
        return handshaken;
    }

    /** Completes the promise when the handshake ends either way, then steps aside. */
    private static final class HandshakeWatch extends ChannelInboundHandlerAdapter {
        private final Promise<Channel> handshaken;

        HandshakeWatch(Promise<Channel> handshaken) {
            this.handshaken = handshaken;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                ctx.pipeline().remove(this);
                handshaken.trySuccess(ctx.channel());
            } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                handshaken.tryFailure(new IllegalStateException("handshake timed out"));
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            handshaken.tryFailure(cause);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            handshaken.tryFailure(new ClosedChannelException());
            ctx.fireChannelInactive();
        }
    }
}
