package dev.polygate.translators.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP backend on a random port: HTTP/1.1 and h2c prior knowledge on one cleartext port (told apart
 * by the connection preface), or TLS with ALPN. What it answers is chosen by path, see {@link BackendHandler}.
 */
final class TestBackend implements AutoCloseable {
    private final String name;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    final AtomicInteger connections = new AtomicInteger();
    final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();
    /** Connections (HTTP/1.1) or streams (HTTP/2) that asked for /hang, for tests that watch them close. */
    final BlockingQueue<Channel> hanging = new LinkedBlockingQueue<>();
    /** Every accepted connection, for tests that watch connections close. */
    final BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
    /** When set, an HTTP/1.1 connection that already served a request closes on the next one unanswered. */
    volatile boolean closeReusedConnections;

    private TestBackend(String name, SslContext tls) throws InterruptedException {
        this.name = name;
        this.server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        connections.incrementAndGet();
                        accepted.add(channel);
                        if (tls == null) {
                            channel.pipeline().addLast(new PrefaceSniffer());
                        } else {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc()));
                            channel.pipeline().addLast(new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                                @Override
                                protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                                    if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                                        http2(ctx.pipeline());
                                    } else {
                                        http1(ctx.pipeline());
                                    }
                                }
                            });
                        }
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    static TestBackend cleartext(String name) throws InterruptedException {
        return new TestBackend(name, null);
    }

    /** TLS; {@code protocols} is what ALPN may pick, e.g. h2 and http/1.1, or http/1.1 alone. */
    static TestBackend tls(String name, TestCertificate certificate, String... protocols) throws Exception {
        SslContext context = SslContextBuilder.forServer(certificate.key(), certificate.certificate())
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, List.of(protocols)))
                .build();
        return new TestBackend(name, context);
    }

    String name() {
        return name;
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    RecordedRequest nextRequest() throws InterruptedException {
        RecordedRequest request = requests.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("backend " + name + " received no request");
        }
        return request;
    }

    Channel nextHanging() throws InterruptedException {
        Channel channel = hanging.poll(10, TimeUnit.SECONDS);
        if (channel == null) {
            throw new AssertionError("backend " + name + " received no /hang request");
        }
        return channel;
    }

    private void http1(ChannelPipeline pipeline) {
        pipeline.addLast(new HttpServerCodec());
        pipeline.addLast(new BackendHandler(this, "HTTP/1.1", pipeline.channel()));
    }

    private void http2(ChannelPipeline pipeline) {
        pipeline.addLast(Http2FrameCodecBuilder.forServer().build());
        pipeline.addLast(new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true));
                stream.pipeline().addLast(new BackendHandler(TestBackend.this, "HTTP/2", stream.parent()));
            }
        }));
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Reads just enough of a cleartext connection to see whether it starts with the HTTP/2 preface. */
    private final class PrefaceSniffer extends ByteToMessageDecoder {
        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            ByteBuf preface = Http2CodecUtil.connectionPrefaceBuf();
            try {
                int compared = Math.min(in.readableBytes(), preface.readableBytes());
                boolean matches = ByteBufUtil.equals(in, in.readerIndex(), preface, 0, compared);
                if (matches && compared < preface.readableBytes()) {
                    return; // wait for the rest of the preface
                }
                if (matches) {
                    http2(ctx.pipeline());
                } else {
                    http1(ctx.pipeline());
                }
                ctx.pipeline().remove(this);
            } finally {
                preface.release();
            }
        }
    }
}
