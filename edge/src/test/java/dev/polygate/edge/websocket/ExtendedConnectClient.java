package dev.polygate.edge.websocket;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/2 client (h2c with prior knowledge) that opens WebSockets by extended CONNECT (RFC 8441) and speaks the
 * WebSocket frames in the stream's DATA frames, byte by byte like {@link RawWebSocket}.
 */
final class ExtendedConnectClient implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel connection;
    final CompletableFuture<Boolean> connectProtocolSetting = new CompletableFuture<>();

    ExtendedConnectClient(int port) throws InterruptedException {
        connection = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(), new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                if (msg instanceof Http2SettingsFrame settings) {
                                    connectProtocolSetting.complete(Boolean.TRUE.equals(
                                            settings.settings().connectProtocolEnabled()));
                                }
                                ctx.fireChannelRead(msg);
                            }
                        }, new Http2MultiplexHandler(new ChannelInitializer<>() {
                            @Override
                            protected void initChannel(Channel c) {
                            }
                        }));
                    }
                }).connect("127.0.0.1", port).sync().channel();
    }

    /** One WebSocket stream: its response head, then the WebSocket bytes the server sent. */
    final class Stream {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private Http2StreamChannel channel;

        /** The response's :status, or "RST_STREAM(code)" when the stream was reset. */
        String status() throws InterruptedException {
            Object event = events.poll(10, TimeUnit.SECONDS);
            if (event instanceof Http2Headers headers) {
                return headers.status().toString();
            }
            return String.valueOf(event);
        }

        void send(byte[] wsBytes) {
            channel.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(wsBytes)));
        }

        /** The next WebSocket frame from the server. */
        RawWebSocket.Frame read() throws InterruptedException {
            while (true) {
                byte[] bytes = received.toByteArray();
                RawWebSocket.Frame frame = parse(bytes);
                if (frame != null) {
                    return frame;
                }
                Object event = events.poll(10, TimeUnit.SECONDS);
                if (event instanceof byte[] data) {
                    received.writeBytes(data);
                } else {
                    throw new AssertionError("no more WebSocket bytes: " + event);
                }
            }
        }

        private RawWebSocket.Frame parse(byte[] bytes) {
            if (bytes.length < 2) {
                return null;
            }
            int length = bytes[1] & 0x7f;
            int header = 2;
            if (length == 126) {
                if (bytes.length < 4) {
                    return null;
                }
                length = (bytes[2] & 0xff) << 8 | bytes[3] & 0xff;
                header = 4;
            }
            if (bytes.length < header + length) {
                return null;
            }
            byte[] payload = java.util.Arrays.copyOfRange(bytes, header, header + length);
            received.reset();
            received.write(bytes, header + length, bytes.length - header - length);
            return new RawWebSocket.Frame((bytes[0] & 0x80) != 0, bytes[0] >> 4 & 7, bytes[0] & 0x0f, payload);
        }
    }

    Stream open(String path) throws Exception {
        Stream stream = new Stream();
        stream.channel = new Http2StreamChannelBootstrap(connection).handler(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof Http2HeadersFrame headers) {
                    stream.events.add(headers.headers());
                } else if (msg instanceof Http2DataFrame data) {
                    ByteBuf content = data.content();
                    byte[] bytes = new byte[content.readableBytes()];
                    content.readBytes(bytes);
                    stream.events.add(bytes);
                    if (data.isEndStream()) {
                        stream.events.add("END_STREAM");
                    }
                }
                ReferenceCountUtil.release(msg);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof Http2ResetFrame reset) {
                    stream.events.add("RST_STREAM(" + reset.errorCode() + ")");
                }
                ReferenceCountUtil.release(evt);
            }
        }).open().sync().getNow();
        Http2Headers headers = new DefaultHttp2Headers().method("CONNECT").scheme("http").path(path)
                .authority("localhost").set(Http2Headers.PseudoHeaderName.PROTOCOL.value(), "websocket")
                .set("sec-websocket-version", "13");
        stream.channel.writeAndFlush(new DefaultHttp2HeadersFrame(headers, false)).sync();
        return stream;
    }

    @Override
    public void close() {
        connection.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
