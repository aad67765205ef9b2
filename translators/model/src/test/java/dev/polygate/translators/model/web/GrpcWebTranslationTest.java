package dev.polygate.translators.model.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.spi.BodySubscriber;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.Translator;
import dev.polygate.translators.model.wire.GrpcFrames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The translation itself, against a backend translator scripted by each test. */
class GrpcWebTranslationTest {
    private static MultiThreadIoEventLoopGroup group;
    private static EventLoop loop;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        loop = group.next();
    }

    @AfterAll
    static void stop() throws Exception {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    /** A backend that reads the whole request, then answers with {@code answer}. */
    private static final class Backend implements Translator {
        final CompletableFuture<Exchange> seen = new CompletableFuture<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final CompletableFuture<GatewayException> bodyError = new CompletableFuture<>();
        final CompletableFuture<Void> cancelled = new CompletableFuture<>();
        private final Consumer<Exchange> answer;

        Backend(Consumer<Exchange> answer) {
            this.answer = answer;
        }

        @Override
        public void handle(Exchange exchange) {
            seen.complete(exchange);
            exchange.onCancel(() -> cancelled.complete(null));
            exchange.requestBody().subscribe(new BodySubscriber() {
                @Override
                public void onData(ByteBuf chunk) {
                    body.writeBytes(ByteBufUtil.getBytes(chunk));
                    chunk.release();
                }

                @Override
                public void onEnd(HttpHeaders trailers) {
                    answer.accept(exchange);
                }

                @Override
                public void onError(GatewayException error) {
                    bodyError.complete(error);
                }
            });
        }
    }

    private static byte[] frame(int flags, String payload) {
        ByteBuf frame = GrpcFrames.frame(ByteBufAllocator.DEFAULT, flags, payload.getBytes(StandardCharsets.UTF_8));
        try {
            return ByteBufUtil.getBytes(frame);
        } finally {
            frame.release();
        }
    }

    private static ByteBuf buf(byte[] bytes) {
        return ByteBufAllocator.DEFAULT.buffer().writeBytes(bytes);
    }

    private static HttpHeaders grpcHead() {
        return new DefaultHttpHeaders().set("content-type", "application/grpc");
    }

    private static TestClientExchange run(Translator backend, String method, String contentType, List<byte[]> chunks)
            throws Exception {
        TestClientExchange exchange = new TestClientExchange(loop, method, "/pkg.Svc/Call",
                TestClientExchange.headers(contentType), chunks, true);
        exchange.request().headers().set("x-custom", "kept").set("accept", "application/grpc-web-text")
                .set("content-length", chunks.stream().mapToInt(c -> c.length).sum());
        GrpcWebIngress ingress = new GrpcWebIngress(GrpcWebConfig.defaults(), backend);
        loop.execute(() -> ingress.handle(exchange));
        exchange.sink.await();
        return exchange;
    }

    private static final Consumer<Exchange> ANSWER_OK = exchange -> {
        exchange.response().sendHead(new ResponseHead(200, grpcHead()));
        exchange.response().sendData(buf(frame(0, "reply")));
        exchange.response().sendEnd(new DefaultHttpHeaders().set("grpc-status", "0").set("x-meta", "m"));
    };

    @Test
    void forwardsANativeGrpcRequestFrameForFrame() throws Exception {
        byte[] first = frame(0, "first");
        byte[] second = frame(GrpcFrames.COMPRESSED, "second, compressed");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(first);
        all.writeBytes(second);
        List<byte[]> chunks = new ArrayList<>();
        byte[] bytes = all.toByteArray();
        for (int i = 0; i < bytes.length; i += 3) {
            chunks.add(java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 3)));
        }
        Backend backend = new Backend(ANSWER_OK);
        TestClientExchange exchange = run(backend, "POST", "application/grpc-web", chunks);
        Exchange seen = backend.seen.get();
        HttpHeaders headers = seen.request().headers();
        assertThat(headers.get("content-type")).isEqualTo("application/grpc+proto");
        assertThat(headers.get("te")).isEqualTo("trailers");
        assertThat(headers.get("x-custom")).isEqualTo("kept");
        assertThat(headers.contains("x-grpc-web")).isFalse();
        assertThat(headers.contains("accept")).isFalse();
        assertThat(seen.requestBody().declaredLength()).isEqualTo(bytes.length);
        assertThat(backend.body.toByteArray()).isEqualTo(bytes);

        GrpcWebResponse response = GrpcWebResponse.read(exchange.sink, false);
        assertThat(response.messages()).extracting(GrpcWebResponse::text).containsExactly("reply");
        assertThat(response.grpcStatus()).isEqualTo("0");
        assertThat(response.trailers().get("x-meta")).isEqualTo("m");
    }

    @Test
    void textRequestsLoseTheirLength() throws Exception {
        byte[] body = Base64.getEncoder().encode(frame(0, "hi"));
        Backend backend = new Backend(ANSWER_OK);
        TestClientExchange exchange = run(backend, "POST", "application/grpc-web-text", List.of(body));
        Exchange seen = backend.seen.get();
        assertThat(seen.request().headers().contains("content-length")).isFalse();
        assertThat(seen.requestBody().declaredLength()).isEqualTo(-1);
        assertThat(backend.body.toByteArray()).isEqualTo(frame(0, "hi"));
        assertThat(GrpcWebResponse.read(exchange.sink, true).grpcStatus()).isEqualTo("0");
    }

    @Test
    void nonGrpcAnswersMapFromTheirHttpStatus() throws Exception {
        for (int[] expected : new int[][] {{503, 14}, {404, 12}, {401, 16}, {500, 2}, {200, 2}}) {
            Backend backend = new Backend(exchange -> {
                exchange.response().sendHead(new ResponseHead(expected[0],
                        new DefaultHttpHeaders().set("content-type", "text/html")));
                exchange.response().sendData(buf("<html>down</html>".getBytes()));
                exchange.response().sendEnd(new DefaultHttpHeaders());
            });
            GrpcWebResponse response = GrpcWebResponse.read(
                    run(backend, "POST", "application/grpc-web", List.of(frame(0, "x"))).sink, false);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers().get("grpc-status")).isEqualTo(String.valueOf(expected[1]));
            assertThat(response.grpcStatus()).isEqualTo(String.valueOf(expected[1]));
            assertThat(response.grpcMessage()).contains("HTTP " + expected[0]);
            assertThat(response.messages()).isEmpty();
        }
    }

    @Test
    void aResponseWithoutStatusIsInternal() throws Exception {
        Backend backend = new Backend(exchange -> {
            exchange.response().sendHead(new ResponseHead(200, grpcHead()));
            exchange.response().sendData(buf(frame(0, "partial")));
            exchange.response().sendEnd(new DefaultHttpHeaders());
        });
        GrpcWebResponse response = GrpcWebResponse.read(
                run(backend, "POST", "application/grpc-web", List.of(frame(0, "x"))).sink, false);
        assertThat(response.messages()).hasSize(1);
        assertThat(response.grpcStatus()).isEqualTo("13");
        assertThat(response.grpcMessage()).isEqualTo("no grpc-status in response");
    }

    @Test
    void gatewayErrorsBeforeTheHeadAreTrailersOnly() throws Exception {
        Backend backend = new Backend(exchange -> exchange.response().sendError(
                new GatewayException(ErrorKind.UPSTREAM_TIMEOUT, "too slow")));
        GrpcWebResponse response = GrpcWebResponse.read(
                run(backend, "POST", "application/grpc-web-text", List.of(Base64.getEncoder().encode(frame(0, "x"))))
                        .sink, true);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("content-type")).isEqualTo("application/grpc-web-text+proto");
        assertThat(response.headers().get("grpc-status")).isEqualTo("4");
        assertThat(response.headers().get("grpc-message")).isEqualTo("too slow");
        assertThat(response.grpcStatus()).isEqualTo("4");
    }

    @Test
    void gatewayErrorsAfterTheHeadEndTheStream() throws Exception {
        Backend backend = new Backend(exchange -> {
            exchange.response().sendHead(new ResponseHead(200, grpcHead()));
            exchange.response().sendData(buf(frame(0, "one")));
            exchange.response().sendError(new GatewayException(ErrorKind.UPSTREAM_PROTOCOL, "reset"));
        });
        GrpcWebResponse response = GrpcWebResponse.read(
                run(backend, "POST", "application/grpc-web", List.of(frame(0, "x"))).sink, false);
        assertThat(response.headers().contains("grpc-status")).isFalse();
        assertThat(response.messages()).extracting(GrpcWebResponse::text).containsExactly("one");
        assertThat(response.grpcStatus()).isEqualTo("13");
        assertThat(response.grpcMessage()).isEqualTo("reset");
    }

    @Test
    void aRequestFrameWithTrailerFlagsCancelsTheCall() throws Exception {
        Backend backend = new Backend(ANSWER_OK);
        TestClientExchange exchange = run(backend, "POST", "application/grpc-web", List.of(frame(0x80, "x")));
        GrpcWebResponse response = GrpcWebResponse.read(exchange.sink, false);
        assertThat(response.grpcStatus()).isEqualTo("3");
        assertThat(response.grpcMessage()).contains("0x80");
        backend.cancelled.get(5, TimeUnit.SECONDS);
        assertThat(backend.bodyError.get(5, TimeUnit.SECONDS).kind()).isEqualTo(ErrorKind.BAD_REQUEST);
    }

    @Test
    void theClientGoingAwayCancelsTheBackend() throws Exception {
        Backend backend = new Backend(exchange -> { });
        TestClientExchange exchange = new TestClientExchange(loop, "POST", "/pkg.Svc/Call",
                TestClientExchange.headers("application/grpc-web"), List.of(frame(0, "x")), true);
        GrpcWebIngress ingress = new GrpcWebIngress(GrpcWebConfig.defaults(), backend);
        loop.execute(() -> ingress.handle(exchange));
        backend.seen.get(5, TimeUnit.SECONDS);
        exchange.cancel();
        backend.cancelled.get(5, TimeUnit.SECONDS);
        assertThat(exchange.sink.head).isNull();
    }

    @Test
    void refusesWhatIsNotAGrpcWebCall() throws Exception {
        Backend backend = new Backend(ANSWER_OK);
        TestClientExchange get = run(backend, "GET", "application/grpc-web", List.of());
        assertThat(get.sink.head.status()).isEqualTo(405);
        assertThat(get.sink.head.headers().get("allow")).isEqualTo("POST");
        assertThat(GrpcWebResponse.read(get.sink, false).grpcStatus()).isEqualTo("12");
        TestClientExchange plain = run(backend, "POST", "text/plain", List.of(frame(0, "x")));
        assertThat(plain.sink.head.status()).isEqualTo(415);
        assertThat(GrpcWebResponse.read(plain.sink, false).grpcStatus()).isEqualTo("3");
        assertThat(plain.body.discarded).isTrue();
        assertThat(backend.seen).isNotDone();
    }
}
