package dev.polygate.edge.websocket;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket backend on Netty's own server handler (handshake, pings, close echo): echoes every data frame as it
 * came (fragments stay fragments); the text {@code die} drops the connection without a Close; {@code flood} sends
 * binary frames for as long as the connection takes them, counting what the socket accepted; {@code close CODE
 * reason} closes the session with that code and reason. The Close frames clients send are recorded in
 * {@link #closesReceived}.
 */
final class EchoWebSocketBackend implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final AtomicLong flooded = new AtomicLong();
    private final Semaphore progress = new Semaphore(0);
    volatile HttpHeaders lastHandshake;
    /** The code and reason of each Close a client sent, as {@code "1001 reason"}. */
    final BlockingQueue<String> closesReceived = new LinkedBlockingQueue<>();

    EchoWebSocketBackend() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536), new CloseRecorder(),
                                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath("/").checkStartsWith(true).subprotocols("chat,superchat")
                                        .maxFramePayloadLength(1 << 24).sendCloseFrame(null).build()),
                                new Echo());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    long flooded() {
        return flooded.get();
    }

    /** Waits until the flood stops moving for a second, and returns the bytes it had written by then. */
    long awaitFloodSettled() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            progress.drainPermits();
            if (!progress.tryAcquire(1, TimeUnit.SECONDS)) {
                return flooded.get();
            }
        }
        throw new AssertionError("the backend was still writing after 30 s: " + flooded.get());
    }

    /** Sees the frames before Netty's protocol handler answers a Close. */
    private final class CloseRecorder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof CloseWebSocketFrame close) {
                closesReceived.add(close.statusCode() + " " + close.reasonText());
            }
            ctx.fireChannelRead(msg);
        }
    }

    private final class Echo extends ChannelInboundHandlerAdapter {
        private boolean flooding;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete complete) {
                lastHandshake = complete.requestHeaders();
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame text && text.isFinalFragment() && text.text().equals("die")) {
                text.release();
                ctx.close();
                return;
            }
            if (msg instanceof TextWebSocketFrame text && text.isFinalFragment() && text.text().equals("flood")) {
                text.release();
                flooding = true;
                flood(ctx);
                return;
            }
            if (msg instanceof TextWebSocketFrame text && text.isFinalFragment() && text.text().startsWith("close ")) {
                String[] parts = text.text().split(" ", 3);
                text.release();
                ctx.writeAndFlush(new CloseWebSocketFrame(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : ""));
                return;
            }
            if (msg instanceof io.netty.handler.codec.http.websocketx.WebSocketFrame) {
                ctx.writeAndFlush(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (flooding) {
                flood(ctx);
            }
            ctx.fireChannelWritabilityChanged();
        }

        private void flood(ChannelHandlerContext ctx) {
            // A failed write ends the flood: the connection is going, and writing on would only fail again.
            while (flooding && ctx.channel().isActive() && ctx.channel().isWritable()) {
                ByteBuf chunk = ctx.alloc().buffer(16384).writeZero(16384);
                ctx.writeAndFlush(new BinaryWebSocketFrame(chunk)).addListener(f -> {
                    if (f.isSuccess()) {
                        flooded.addAndGet(16384);
                        progress.release();
                    } else {
                        flooding = false;
                    }
                });
            }
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
