package dev.polygate.edge.backpressure;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2SettingsFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * An HTTP/2 client (cleartext, prior knowledge) with a tiny stream window that it returns only while reading:
 * after the response head it holds the DATA frames it got without a WINDOW_UPDATE until {@link #resume()}, so
 * the gateway's stream to it runs out of window and stops being writable.
 */
final class StallingH2Client implements AutoCloseable {
    private static final int STREAM_WINDOW = 16 * 1024;
    private static final int READING_WINDOW = 4 * 1024 * 1024;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel connection;
    private final Reader reader = new Reader();

    StallingH2Client(int port) throws InterruptedException {
        connection = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(Http2FrameCodecBuilder.forClient()
                                .initialSettings(Http2Settings.defaultSettings().initialWindowSize(STREAM_WINDOW))
                                .build(), reader);
                    }
                }).connect("127.0.0.1", port).sync().channel();
    }

    /** Sends a GET and returns the response head. */
    Http2Headers get(String path) throws Exception {
        connection.eventLoop().execute(() -> reader.open(path));
        return reader.head.get(10, TimeUnit.SECONDS);
    }

    /** Reads from now on: the held frames are consumed and their window returned. */
    void resume() {
        connection.eventLoop().execute(reader::resume);
    }

    /** The size and CRC-32C of the whole body, once the stream ends. */
    Received body() throws Exception {
        return reader.body.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        connection.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One stream's reader, on the connection's event loop. */
    private static final class Reader extends Http2ChannelDuplexHandler {
        private final CompletableFuture<Http2Headers> head = new CompletableFuture<>();
        private final CompletableFuture<Received> body = new CompletableFuture<>();
        private final ArrayDeque<Http2DataFrame> held = new ArrayDeque<>();
        private final CRC32C crc = new CRC32C();
        private ChannelHandlerContext ctx;
        private boolean reading;
        private boolean endAfterHeld;
        private long size;

        @Override
        public void handlerAdded0(ChannelHandlerContext context) {
            this.ctx = context;
        }

        void open(String path) {
            Http2FrameStream stream = newStream();
            Http2Headers headers = new DefaultHttp2Headers().method("GET").path(path).scheme("http")
                    .authority("localhost");
            ctx.writeAndFlush(new DefaultHttp2HeadersFrame(headers, true).stream(stream));
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object msg) {
            if (msg instanceof Http2HeadersFrame headers) {
                head.complete(headers.headers()); // the first: a later one carries trailers
                if (headers.isEndStream()) {
                    endAfterHeld = true;
                    if (reading) {
                        consumeHeld();
                    }
                }
            } else if (msg instanceof Http2DataFrame data) {
                held.add(data);
                if (reading) {
                    consumeHeld();
                }
            } else if (msg instanceof Http2ResetFrame reset) {
                body.completeExceptionally(new AssertionError("the gateway reset the stream: " + reset.errorCode()));
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        /** Reads, and with windows a reader that keeps up would offer, so the rest does not crawl in at 16 KiB a trip. */
        void resume() {
            reading = true;
            ctx.write(new DefaultHttp2SettingsFrame(Http2Settings.defaultSettings().initialWindowSize(READING_WINDOW)));
            ctx.write(new DefaultHttp2WindowUpdateFrame(READING_WINDOW));
            consumeHeld();
        }

        private void consumeHeld() {
            Http2DataFrame data;
            while ((data = held.poll()) != null) {
                try {
                    size += data.content().readableBytes();
                    crc.update(data.content().nioBuffer());
                    if (data.initialFlowControlledBytes() > 0) {
                        ctx.write(new DefaultHttp2WindowUpdateFrame(data.initialFlowControlledBytes())
                                .stream(data.stream()));
                    }
                    if (data.isEndStream()) {
                        end();
                    }
                } finally {
                    data.release();
                }
            }
            ctx.flush();
            if (endAfterHeld) {
                end();
            }
        }

        private void end() {
            body.complete(new Received(size, crc.getValue()));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            head.completeExceptionally(cause);
            body.completeExceptionally(cause);
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            body.completeExceptionally(new AssertionError("the connection closed before the body ended"));
            Http2DataFrame data;
            while ((data = held.poll()) != null) {
                data.release();
            }
            context.fireChannelInactive();
        }
    }
}
