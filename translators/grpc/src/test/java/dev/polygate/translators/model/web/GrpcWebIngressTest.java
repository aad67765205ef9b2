package dev.polygate.translators.model.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polygate.demo.greeter.v1.HelloReply;
import dev.polygate.demo.greeter.v1.HelloRequest;
import dev.polygate.spi.Translator;
import dev.polygate.translators.http.HttpTranslatorFactory;
import dev.polygate.translators.model.wire.GrpcFrames;
import io.grpc.Metadata;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** gRPC-Web clients against a real grpc-java server, through the real http translator over h2c. */
class GrpcWebIngressTest {
    private static final String SAY_HELLO = "/demo.greeter.v1.Greeter/SayHello";
    private static final String STREAM = "/demo.greeter.v1.Greeter/StreamGreetings";
    private static MultiThreadIoEventLoopGroup group;
    private static EventLoop loop;
    private static GreeterBackend greeter;
    private static Translator backend;
    private static GrpcWebIngress ingress;

    @BeforeAll
    static void start() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        loop = group.next();
        greeter = new GreeterBackend();
        backend = httpTranslator(greeter.port());
        ingress = new GrpcWebIngress(GrpcWebConfig.defaults(), backend);
    }

    @AfterAll
    static void stop() throws Exception {
        backend.close();
        greeter.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    static Translator httpTranslator(int port) throws Exception {
        return new HttpTranslatorFactory().create(new ObjectMapper().readTree("{\"upstream\": \"greeter\"}"),
                new TestContext("greeter", port));
    }

    static byte[] framed(HelloRequest request) {
        ByteBuf frame = GrpcFrames.frame(ByteBufAllocator.DEFAULT, 0, request.toByteArray());
        try {
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
    }

    static byte[] text(byte[] binary) {
        return Base64.getEncoder().encode(binary);
    }

    static TestClientExchange exchange(String path, boolean text, List<byte[]> chunks) {
        HttpHeaders headers = TestClientExchange.headers(text ? "application/grpc-web-text" : "application/grpc-web+proto");
        return new TestClientExchange(loop, "POST", path, headers, chunks, true);
    }

    static GrpcWebResponse call(GrpcWebIngress target, TestClientExchange exchange, boolean text) throws Exception {
        loop.execute(() -> target.handle(exchange));
        return GrpcWebResponse.read(exchange.sink.await(), text);
    }

    static GrpcWebResponse call(String path, boolean text, List<byte[]> chunks) throws Exception {
        return call(ingress, exchange(path, text, chunks), text);
    }

    private static HelloRequest hello(String name) {
        return HelloRequest.newBuilder().setName(name).build();
    }

    @Test
    void unaryBinary() throws Exception {
        TestClientExchange exchange = exchange(SAY_HELLO, false, List.of(framed(hello("Ada"))));
        exchange.request().headers().set("x-echo", "echoed").set("origin", "https://app.example.com");
        GrpcWebResponse response = call(ingress, exchange, false);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("content-type")).isEqualTo("application/grpc-web+proto");
        assertThat(response.headers().get("x-echo")).isEqualTo("echoed");
        assertThat(response.headers().get("access-control-allow-origin")).isEqualTo("*");
        assertThat(response.headers().get("access-control-expose-headers")).contains("grpc-status", "grpc-message");
        assertThat(response.replies()).containsExactly("Hello, Ada");
        assertThat(response.grpcStatus()).isEqualTo("0");
        assertThat(response.trailers().get("x-trailer")).isEqualTo("done");

        Metadata seen = greeter.lastHeaders;
        assertThat(seen.get(Metadata.Key.of("x-user-agent", Metadata.ASCII_STRING_MARSHALLER))).isNotNull();
        assertThat(seen.containsKey(Metadata.Key.of("x-grpc-web", Metadata.ASCII_STRING_MARSHALLER))).isFalse();
    }

    @Test
    void unaryText() throws Exception {
        GrpcWebResponse response = call(SAY_HELLO, true, List.of(text(framed(hello("Grace")))));
        assertThat(response.headers().get("content-type")).isEqualTo("application/grpc-web-text+proto");
        assertThat(response.replies()).containsExactly("Hello, Grace");
        assertThat(response.grpcStatus()).isEqualTo("0");
    }

    @Test
    void textResponsesDecodeChunkByChunk() throws Exception {
        TestClientExchange exchange = exchange(STREAM, true,
                List.of(text(framed(HelloRequest.newBuilder().setName("Lin").setCount(3).build()))));
        GrpcWebResponse response = call(ingress, exchange, true);
        assertThat(response.replies()).containsExactly("Hello #1, Lin", "Hello #2, Lin", "Hello #3, Lin");
        assertThat(exchange.sink.chunks).allSatisfy(chunk -> assertThat(chunk.length % 4).isZero());
    }

    @Test
    void textRequestSplitAtEveryByte() throws Exception {
        byte[] body = text(framed(hello("Barbara")));
        for (int cut = 0; cut <= body.length; cut++) {
            List<byte[]> chunks = List.of(java.util.Arrays.copyOfRange(body, 0, cut),
                    java.util.Arrays.copyOfRange(body, cut, body.length));
            GrpcWebResponse response = call(SAY_HELLO, true, chunks);
            assertThat(response.replies()).as("cut at %d", cut).containsExactly("Hello, Barbara");
        }
        List<byte[]> single = new ArrayList<>();
        for (byte b : body) {
            single.add(new byte[] {b});
        }
        assertThat(call(SAY_HELLO, true, single).replies()).containsExactly("Hello, Barbara");
    }

    @Test
    void textRequestPaddedPieceByPiece() throws Exception {
        byte[] frame = framed(hello("Edsger"));
        String body = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(frame, 0, 5))
                + Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(frame, 5, frame.length));
        assertThat(body.indexOf('=')).isLessThan(body.length() - 2);
        GrpcWebResponse response = call(SAY_HELLO, true, List.of(body.getBytes(StandardCharsets.US_ASCII)));
        assertThat(response.replies()).containsExactly("Hello, Edsger");
    }

    @Test
    void streamingBinaryFlushesEachMessageAsItComes() throws Exception {
        TestClientExchange exchange = exchange(STREAM, false,
                List.of(framed(HelloRequest.newBuilder().setName("gated").setCount(3).build())));
        loop.execute(() -> ingress.handle(exchange));
        // The last message waits for the gate: the first ones must reach the client before it opens.
        exchange.sink.firstData.get(30, TimeUnit.SECONDS);
        assertThat(exchange.sink.done).isNotDone();
        greeter.gate.countDown();
        GrpcWebResponse response = GrpcWebResponse.read(exchange.sink.await(), false);
        assertThat(response.replies()).containsExactly("Hello #1, gated", "Hello #2, gated", "Hello #3, gated");
        assertThat(HelloReply.parseFrom(response.messages().get(2)).getSequence()).isEqualTo(3);
        assertThat(response.grpcStatus()).isEqualTo("0");
    }

    @Test
    void streamingRespectsAClientThatCannotKeepUp() throws Exception {
        TestClientExchange exchange = exchange(STREAM, false,
                List.of(framed(HelloRequest.newBuilder().setName("big").setCount(300).build())));
        exchange.sink.stallEvery = 16 * 1024;
        GrpcWebResponse response = call(ingress, exchange, false);
        assertThat(response.messages()).hasSize(300);
        assertThat(response.grpcStatus()).isEqualTo("0");
        assertThat(exchange.sink.stalls).isGreaterThan(10);
    }

    @Test
    void trailersOnlyAnswer() throws Exception {
        for (boolean text : new boolean[] {false, true}) {
            byte[] body = framed(hello("fail-" + text));
            GrpcWebResponse response = call(SAY_HELLO, text, List.of(text ? text(body) : body));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.messages()).isEmpty();
            assertThat(response.headers().get("grpc-status")).isEqualTo("5");
            assertThat(response.grpcStatus()).isEqualTo("5");
            assertThat(response.grpcMessage()).isEqualTo("nobody called fail-" + text + " here %E2%98%95 100%25");
        }
    }

    @Test
    void backendDownIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (Translator down = httpTranslator(closedPort)) {
            GrpcWebIngress downIngress = new GrpcWebIngress(GrpcWebConfig.defaults(), down);
            GrpcWebResponse response = call(downIngress, exchange(SAY_HELLO, false, List.of(framed(hello("x")))), false);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers().get("grpc-status")).isEqualTo("14");
            assertThat(response.grpcStatus()).isEqualTo("14");
            assertThat(response.messages()).isEmpty();
        }
    }

    @Test
    void invalidBase64IsInvalidArgumentAndTheGatewayKeepsServing() throws Exception {
        int calls = greeter.calledWith.size();
        byte[] body = text(framed(hello("Alan")));
        body[body.length / 2] = '!';
        GrpcWebResponse response = call(SAY_HELLO, true, List.of(body));
        assertThat(response.grpcStatus()).isEqualTo("3");
        assertThat(GrpcWebResponse.text(response.grpcMessage().getBytes())).contains("base64");
        assertThat(greeter.calledWith).hasSize(calls);
        assertThat(call(SAY_HELLO, true, List.of(text(framed(hello("Alan"))))).replies()).containsExactly("Hello, Alan");
    }

    @Test
    void truncatedMessageIsNeverForwardedAsACall() throws Exception {
        int calls = greeter.calledWith.size();
        byte[] frame = framed(hello("Truncated"));
        for (boolean text : new boolean[] {false, true}) {
            byte[] cut = java.util.Arrays.copyOf(frame, frame.length - 3);
            GrpcWebResponse response = call(SAY_HELLO, text, List.of(text ? text(cut) : cut));
            assertThat(response.grpcStatus()).isEqualTo("3");
            assertThat(response.grpcMessage()).contains("truncated");
        }
        assertThat(greeter.calledWith).hasSize(calls);
    }

    @Test
    void oversizedMessageIsResourceExhausted() throws Exception {
        GrpcWebIngress small = new GrpcWebIngress(
                new GrpcWebConfig(List.of("*"), List.of(), List.of(), Duration.ofMinutes(1), 64), backend);
        int calls = greeter.calledWith.size();
        GrpcWebResponse response = call(small, exchange(SAY_HELLO, false, List.of(framed(hello("y".repeat(100))))),
                false);
        assertThat(response.grpcStatus()).isEqualTo("8");
        assertThat(response.headers().get("grpc-status")).isEqualTo("8");
        assertThat(greeter.calledWith).hasSize(calls);
        GrpcWebResponse fine = call(small, exchange(SAY_HELLO, false, List.of(framed(hello("Tim")))), false);
        assertThat(fine.replies()).containsExactly("Hello, Tim");
    }
}
