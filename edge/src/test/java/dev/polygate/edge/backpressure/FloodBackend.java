package dev.polygate.edge.backpressure;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * A real HTTP/1.1 backend on a free port: {@code GET /flood/N} answers N pseudo-random bytes, written as fast as
 * the connection takes them. It counts the bytes each completed write handed to the socket and, once the whole
 * body is generated, gives its checksum.
 */
final class FloodBackend implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;
    /** A small send buffer keeps what the kernel holds on the backend's side out of the figures. */
    private static final int SEND_BUFFER = 64 * 1024;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final WriteProgress progress = new WriteProgress();
    private final CompletableFuture<Long> checksum = new CompletableFuture<>();

    FloodBackend() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.SO_SNDBUF, SEND_BUFFER)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new Flood());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    WriteProgress progress() {
        return progress;
    }

    /** The CRC-32C of the whole body, once it is generated. */
    long checksum() throws Exception {
        return checksum.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One response at a time: generates while the channel is writable and resumes when it drains. */
    private final class Flood extends ChannelInboundHandlerAdapter {
        private final SplittableRandom random = new SplittableRandom(7);
        private final CRC32C crc = new CRC32C();
        private long remaining;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpRequest request && request.uri().startsWith("/flood/")) {
                    remaining = Long.parseLong(request.uri().substring("/flood/".length()));
                    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                    HttpUtil.setContentLength(head, remaining);
                    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
                    ctx.writeAndFlush(head);
                    generate(ctx);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void generate(ChannelHandlerContext ctx) {
            while (remaining > 0 && ctx.channel().isWritable()) {
                int size = (int) Math.min(CHUNK, remaining);
                remaining -= size;
                byte[] bytes = new byte[size];
                random.nextBytes(bytes);
                crc.update(bytes);
                ByteBuf chunk = ctx.alloc().buffer(size).writeBytes(bytes);
                Object content = remaining == 0 ? new DefaultLastHttpContent(chunk) : new DefaultHttpContent(chunk);
                ctx.writeAndFlush(content).addListener(written -> {
                    if (written.isSuccess()) {
                        progress.add(size);
                    }
                });
            }
            if (remaining == 0) {
                checksum.complete(crc.getValue());
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && remaining > 0) {
                generate(ctx);
            }
            ctx.fireChannelWritabilityChanged();
        }
    }
}
