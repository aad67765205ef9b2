package dev.polygate.demo;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * The demo's WebSocket backend, embedded so that {@code ./gateway demo} needs nothing else: echoes every text and
 * binary message frame by frame (a fragmented message comes back fragmented), on any path. The gateway's
 * {@code websocket} translator passes sessions through to it untouched. Netty's server handler answers pings and
 * echoes the client's Close.
 */
final class DemoWebSocketEcho implements AutoCloseable {
    /** The gateway's default message limit: whatever a route lets through, the echo takes. */
    private static final int MAX_FRAME = 16 << 20;
    private final EmbeddedNettyServer server;

    private DemoWebSocketEcho(EmbeddedNettyServer server) {
        this.server = server;
    }

    /** Starts on {@code host:port}; port 0 picks a free one. */
    public static DemoWebSocketEcho start(String host, int port) throws InterruptedException {
        return new DemoWebSocketEcho(EmbeddedNettyServer.start(host, port, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                        new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                .websocketPath("/").checkStartsWith(true).maxFramePayloadLength(MAX_FRAME).build()),
                        new Echo());
            }
        }));
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }

    /** Writes each data frame back; stops reading while the client is not taking the echoes. */
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame
                    || msg instanceof ContinuationWebSocketFrame) {
                ctx.writeAndFlush(msg);
                if (!ctx.channel().isWritable()) {
                    ctx.channel().config().setAutoRead(false);
                }
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(true);
            }
            ctx.fireChannelWritabilityChanged();
        }
    }
}
