package dev.polygate.interop;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * A real HTTP backend for the interop tests, speaking HTTP/1.1 or h2c (prior knowledge), streaming both
 * ways without buffering: {@code /hello}, {@code /bytes?n=} ({@link PseudoRandomBytes}), {@code POST /count}
 * (length and CRC32 of the body), {@code /slow?ms=}, {@code /drip} (never ends; counts clients that go away),
 * {@code /headers}, {@code /port} (the port this backend listens on, so a test can tell backends apart).
 */
final class TestBackend implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Channel server;
    final AtomicInteger dripsClosed = new AtomicInteger();
    final AtomicInteger connections = new AtomicInteger();

    private TestBackend(boolean h2c) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.incrementAndGet();
                        if (h2c) {
                            ch.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                                    new Http2MultiplexHandler(new ChannelInitializer<>() {
                                        @Override
                                        protected void initChannel(Channel stream) {
                                            stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true),
                                                    new Resources());
                                        }
                                    }));
                        } else {
                            ch.pipeline().addLast(new HttpServerCodec(), new Resources());
                        }
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    static TestBackend http1() throws InterruptedException {
        return new TestBackend(false);
    }

    static TestBackend h2c() throws InterruptedException {
        return new TestBackend(true);
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Resources extends ChannelInboundHandlerAdapter {
        private String path;
        private QueryStringDecoder query;
        private HttpRequest request;
        private long counted;
        private final CRC32 checksum = new CRC32();
        private boolean dripping;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpRequest req) {
                    request = req;
                    query = new QueryStringDecoder(req.uri());
                    path = query.path();
                    counted = 0;
                    checksum.reset();
                }
                if (msg instanceof HttpContent content) {
                    ByteBuf data = content.content();
                    counted += data.readableBytes();
                    checksum.update(data.nioBuffer());
                    if (msg instanceof LastHttpContent) {
                        respond(ctx);
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void respond(ChannelHandlerContext ctx) {
            switch (path) {
                case "/hello" -> text(ctx, HttpResponseStatus.OK, "hello");
                case "/count" -> text(ctx, HttpResponseStatus.OK,
                        "{\"bytes\":" + counted + ",\"crc32\":" + checksum.getValue() + "}");
                case "/port" -> text(ctx, HttpResponseStatus.OK, String.valueOf(port()));
                case "/headers" -> {
                    StringBuilder lines = new StringBuilder();
                    for (Map.Entry<String, String> h : request.headers()) {
                        lines.append(h.getKey().toLowerCase(java.util.Locale.ROOT)).append(": ").append(h.getValue()).append('\n');
                    }
                    text(ctx, HttpResponseStatus.OK, lines.toString());
                }
                case "/slow" -> ctx.executor().schedule(() -> text(ctx, HttpResponseStatus.OK, "late"),
                        Long.parseLong(param("ms", "1000")), TimeUnit.MILLISECONDS);
                case "/bytes" -> {
                    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                    long n = Long.parseLong(param("n", "0"));
                    head.headers().set(HttpHeaderNames.CONTENT_LENGTH, n)
                            .set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
                    ctx.write(head);
                    new ByteStreamer(ctx, n).run();
                }
                case "/drip" -> {
                    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                    head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                    ctx.writeAndFlush(head);
                    dripping = true;
                    drip(ctx);
                }
                default -> text(ctx, HttpResponseStatus.NOT_FOUND, "no " + path);
            }
        }

        private void drip(ChannelHandlerContext ctx) {
            if (!ctx.channel().isActive()) {
                return;
            }
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer("drop\n", StandardCharsets.UTF_8)));
            ctx.executor().schedule(() -> drip(ctx), 50, TimeUnit.MILLISECONDS);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (dripping) {
                dripsClosed.incrementAndGet();
            }
            ctx.fireChannelInactive();
        }

        private String param(String name, String fallback) {
            var values = query.parameters().get(name);
            return values == null || values.isEmpty() ? fallback : values.get(0);
        }

        private void text(ChannelHandlerContext ctx, HttpResponseStatus status, String body) {
            if (!ctx.channel().isActive()) {
                return;
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            var future = ctx.writeAndFlush(response);
            if (!keepAlive) {
                future.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /**
     * Writes the first n bytes of {@link PseudoRandomBytes} in 64 KiB chunks, only while the channel is writable, so
     * nothing piles up in memory.
     */
    private static final class ByteStreamer implements Runnable {
        private static final int CHUNK = 64 * 1024;
        private final ChannelHandlerContext ctx;
        private long remaining;
        private long position;

        ByteStreamer(ChannelHandlerContext ctx, long n) {
            this.ctx = ctx;
            this.remaining = n;
        }

        @Override
        public void run() {
            while (remaining > 0 && ctx.channel().isActive()) {
                int size = (int) Math.min(CHUNK, remaining);
                ByteBuf chunk = ctx.alloc().buffer(size);
                PseudoRandomBytes.write(chunk, position, size);
                position += size;
                remaining -= size;
                if (remaining == 0) {
                    ctx.writeAndFlush(new DefaultLastHttpContent(chunk));
                    return;
                }
                var future = ctx.writeAndFlush(new DefaultHttpContent(chunk));
                if (!ctx.channel().isWritable()) {
                    future.addListener(f -> ctx.executor().execute(this));
                    return;
                }
            }
            if (remaining == 0) {
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            }
        }
    }
}
