package dev.polygate.interop;

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
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * A WebSocket backend for bulk transfers, on Netty's server handler. {@code /download?bytes=N} sends the first N
 * bytes of {@link PseudoRandomBytes} in 64 KiB binary messages as fast as its socket takes them, and no faster: it
 * writes only while the channel is writable, so what it has handed to the kernel ({@link #sent()}) shows how much
 * the path to the client took in. {@code /upload?pauseMs=M} reads nothing for M ms after the handshake, then reads
 * as fast as it can, and answers the text {@code done} with {@code received N crc32 C}.
 */
final class BulkWebSocketBackend implements AutoCloseable {
    static final int MESSAGE = 64 * 1024;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicBoolean wentUnwritable = new AtomicBoolean();
    private final AtomicLong uploaded = new AtomicLong();

    BulkWebSocketBackend() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath("/").checkStartsWith(true)
                                        .maxFramePayloadLength(1 << 24).build()),
                                new Bulk());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Bytes of download messages the backend's socket has accepted so far. */
    long sent() {
        return sent.get();
    }

    /** Bytes of upload messages the backend has read so far. */
    long uploaded() {
        return uploaded.get();
    }

    /** Whether a download has found its channel not writable: the path to the client pushed back. */
    boolean wentUnwritable() {
        return wentUnwritable.get();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Bulk extends ChannelInboundHandlerAdapter {
        private long downloadLength;
        private long downloadPosition;
        private long received;
        private final CRC32 crc = new CRC32();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete handshake) {
                QueryStringDecoder uri = new QueryStringDecoder(handshake.requestUri());
                if (uri.path().endsWith("/download")) {
                    downloadLength = Long.parseLong(uri.parameters().get("bytes").get(0));
                    download(ctx);
                } else if (uri.path().endsWith("/upload")) {
                    long pauseMs = Long.parseLong(uri.parameters().get("pauseMs").get(0));
                    ctx.channel().config().setAutoRead(false);
                    ctx.executor().schedule(() -> ctx.channel().config().setAutoRead(true), pauseMs,
                            TimeUnit.MILLISECONDS);
                }
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof TextWebSocketFrame text && text.text().equals("done")) {
                    ctx.writeAndFlush(new TextWebSocketFrame("received " + received + " crc32 " + crc.getValue()));
                } else if (msg instanceof BinaryWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
                    ByteBuf data = ((io.netty.handler.codec.http.websocketx.WebSocketFrame) msg).content();
                    received += data.readableBytes();
                    uploaded.addAndGet(data.readableBytes());
                    crc.update(data.nioBuffer());
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                download(ctx);
            }
            ctx.fireChannelWritabilityChanged();
        }

        /** Writes messages while the channel takes them; resumed when it becomes writable again. */
        private void download(ChannelHandlerContext ctx) {
            while (downloadPosition < downloadLength && ctx.channel().isActive()) {
                if (!ctx.channel().isWritable()) {
                    wentUnwritable.set(true);
                    break;
                }
                int n = (int) Math.min(MESSAGE, downloadLength - downloadPosition);
                ByteBuf payload = ctx.alloc().buffer(n);
                PseudoRandomBytes.write(payload, downloadPosition, n);
                downloadPosition += n;
                ctx.write(new BinaryWebSocketFrame(payload)).addListener(written -> {
                    if (written.isSuccess()) {
                        sent.addAndGet(n);
                    }
                });
            }
            ctx.flush();
        }
    }
}
