package dev.polygate.edge.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.edge.testing.RunningGateway;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP/2 frames a response becomes, read raw: what gRPC clients depend on beyond HTTP semantics. */
class Http2ResponseFramingTest {
    @TempDir
    static Path dataDir;
    static RunningGateway gateway;
    static EventLoopGroup group;
    static Channel connection;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start(dataDir, null, """
                routes:
                  - name: refuse
                    match: { prefix: /refuse }
                    translator: test-head-only
                    backend: {}
                  - name: echo
                    match: { prefix: /echo }
                    translator: test-echo
                    backend: {}
                """);
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        connection = new Bootstrap().group(group).channel(NioSocketChannel.class).handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                        new Http2MultiplexHandler(new ChannelInitializer<>() {
                            @Override
                            protected void initChannel(Channel c) {
                            }
                        }));
            }
        }).connect("127.0.0.1", gateway.httpPort()).sync().channel();
    }

    @AfterAll
    static void stop() {
        connection.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        gateway.close();
    }

    @Test
    void aResponseEndingWithItsHeadIsOneHeadersFrameWithEndStream() throws Exception {
        List<String> frames = exchange("/refuse");
        assertThat(frames).containsExactly("HEADERS end grpc-status=12");
    }

    @Test
    void aResponseWithABodyStillSendsItsHeadFirst() throws Exception {
        List<String> frames = exchange("/echo");
        assertThat(frames.get(0)).isEqualTo("HEADERS grpc-status=null");
        assertThat(frames.get(1)).startsWith("DATA ");
        assertThat(frames.get(frames.size() - 1)).endsWith(" end");
    }

    /** Sends a GET without a body and describes every frame of the response, in order. */
    private static List<String> exchange(String path) throws Exception {
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        List<String> frames = new ArrayList<>();
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection).handler(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                boolean end = false;
                if (msg instanceof Http2HeadersFrame headers) {
                    end = headers.isEndStream();
                    frames.add("HEADERS" + (end ? " end" : "") + " grpc-status=" + headers.headers().get("grpc-status"));
                } else if (msg instanceof Http2DataFrame data) {
                    end = data.isEndStream();
                    frames.add("DATA " + data.content().readableBytes() + (end ? " end" : ""));
                }
                ReferenceCountUtil.release(msg);
                if (end) {
                    result.complete(frames);
                }
            }
        }).open().sync().getNow();
        DefaultHttp2Headers headers = new DefaultHttp2Headers();
        headers.method("GET").path(path).scheme("http").authority("localhost");
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers, true));
        return result.get(10, TimeUnit.SECONDS);
    }
}
