package dev.polygate.translators.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.spi.Translator;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** GET, POST and trailers through each kind of upstream: HTTP/1.1, h2c, https with h2, https with HTTP/1.1 only. */
class ProtocolsTest {
    private static TestCertificate certificate;
    @TempDir
    Path dir;
    private ProxyHarness proxy;
    private Path caFile;

    @BeforeAll
    static void certificate() throws Exception {
        certificate = TestCertificate.localhost();
    }

    @BeforeEach
    void start() throws Exception {
        proxy = new ProxyHarness(dir);
        caFile = certificate.writePem(dir);
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
    }

    private Translator translatorFor(Backends kind, TestBackend backend) throws Exception {
        return proxy.translator(kind.upstream("backend", caFile, backend), null);
    }

    @ParameterizedTest
    @EnumSource(Backends.class)
    void getIsProxiedWithResponseHopByHopHeadersRemoved(Backends kind) throws Exception {
        TestBackend backend = proxy.track(kind.start("b1", certificate));
        Translator translator = translatorFor(kind, backend);
        TestExchange exchange = proxy.get("/hello?x=1");

        RecordingSink sink = proxy.run(translator, exchange);

        assertThat(sink.error).isNull();
        assertThat(sink.status()).isEqualTo(200);
        assertThat(sink.body()).isEqualTo("hello from b1");
        assertThat(sink.head.headers().get("x-backend")).isEqualTo("b1");
        assertThat(sink.head.headers().names()).doesNotContain("connection", "keep-alive", "x-drop-me",
                "transfer-encoding", "x-http2-stream-id");
        assertThat(exchange.upstream).isEqualTo("127.0.0.1:" + backend.port());
        RecordedRequest seen = backend.nextRequest();
        assertThat(seen.method).isEqualTo("GET");
        assertThat(seen.uri).isEqualTo("/hello?x=1");
        assertThat(seen.protocol).isEqualTo(kind.protocol);
    }

    @ParameterizedTest
    @EnumSource(Backends.class)
    void postWithContentLengthAndChunkedBodies(Backends kind) throws Exception {
        TestBackend backend = proxy.track(kind.start("b1", certificate));
        Translator translator = translatorFor(kind, backend);

        RecordingSink sized = proxy.run(translator, TestExchange.post(proxy.loop(), "/count",
                TestRequestBody.sized(proxy.loop(), 100_000)));
        RecordingSink chunked = proxy.run(translator, TestExchange.post(proxy.loop(), "/count",
                TestRequestBody.chunked(proxy.loop(), 70_001, null)));

        assertThat(sized.body()).isEqualTo("100000");
        assertThat(chunked.body()).isEqualTo("70001");
        RecordedRequest first = backend.nextRequest();
        assertThat(first.headers.get("content-length")).isEqualTo("100000");
        RecordedRequest second = backend.nextRequest();
        assertThat(second.headers.get("content-length")).isNull();
        if (kind.protocol.equals("HTTP/1.1")) {
            assertThat(second.headers.get("transfer-encoding")).isEqualTo("chunked");
        }
    }

    @ParameterizedTest
    @EnumSource(Backends.class)
    void trailersPassBothWays(Backends kind) throws Exception {
        TestBackend backend = proxy.track(kind.start("b1", certificate));
        Translator translator = translatorFor(kind, backend);
        HttpHeaders requestTrailers = new DefaultHttpHeaders().set("x-request-checksum", "r-42");
        TestExchange exchange = new TestExchange(proxy.loop(),
                TestExchange.head("POST", "/echo", new DefaultHttpHeaders().set("te", "trailers")),
                TestRequestBody.chunked(proxy.loop(), 50_000, requestTrailers),
                new java.net.InetSocketAddress("192.0.2.7", 1234));

        RecordingSink echoed = proxy.run(translator, exchange);
        RecordingSink fixed = proxy.run(translator, TestExchange.post(proxy.loop(), "/trailers",
                TestRequestBody.empty(proxy.loop())));

        RecordedRequest seen = backend.nextRequest();
        seen.awaitBodyBytes();
        assertThat(seen.trailers.get("x-request-checksum")).isEqualTo("r-42");
        assertThat(seen.headers.get("te")).isEqualTo("trailers");
        assertThat(echoed.error).isNull();
        assertThat(echoed.bytes).isEqualTo(50_000);
        assertThat(echoed.trailers.get("x-request-checksum")).isEqualTo("r-42");
        assertThat(fixed.body()).isEqualTo("ok");
        assertThat(fixed.trailers.get("x-checksum")).isEqualTo("abc123");
    }

    @ParameterizedTest
    @EnumSource(value = Backends.class, names = {"HTTP1", "HTTPS_HTTP1_ONLY"})
    void interimResponsesAreDropped(Backends kind) throws Exception {
        TestBackend backend = proxy.track(kind.start("b1", certificate));
        RecordingSink sink = proxy.run(translatorFor(kind, backend), proxy.get("/interim"));
        assertThat(sink.status()).isEqualTo(200);
        assertThat(sink.body()).isEqualTo("hello from b1");
    }

    @ParameterizedTest
    @EnumSource(value = Backends.class, names = {"HTTP1", "HTTPS_HTTP1_ONLY"})
    void headResponsesHaveNoBodyAndKeepTheConnection(Backends kind) throws Exception {
        TestBackend backend = proxy.track(kind.start("b1", certificate));
        Translator translator = translatorFor(kind, backend);
        TestExchange head = new TestExchange(proxy.loop(), TestExchange.head("HEAD", "/", new DefaultHttpHeaders()),
                TestRequestBody.empty(proxy.loop()), new java.net.InetSocketAddress("192.0.2.7", 1234));

        RecordingSink sink = proxy.run(translator, head);

        assertThat(sink.status()).isEqualTo(200);
        assertThat(sink.head.headers().get("content-length")).isEqualTo("13");
        assertThat(sink.bytes).isZero();
        assertThat(proxy.run(translator, proxy.get("/")).body()).isEqualTo("hello from b1");
        assertThat(backend.connections.get()).isEqualTo(1);
    }
}
