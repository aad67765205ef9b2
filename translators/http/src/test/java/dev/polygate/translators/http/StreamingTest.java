package dev.polygate.translators.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.spi.Exchange;
import dev.polygate.spi.ForwardingExchange;
import dev.polygate.spi.ResponseSink;
import dev.polygate.spi.Translator;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 20 MB each way without buffering: the client body is generated only while the translator wants more,
 * and the response stops flowing while the client is unwritable, even when it stays so.
 */
class StreamingTest {
    private static final long SIZE = 20L * 1024 * 1024;
    /** One socket read (and what the decoder already had) may still arrive after the pause. */
    private static final long MAX_AFTER_PAUSE = 256 * 1024;
    /** The same read loop, plus what an HTTP/2 stream had queued, while a client stays unwritable. */
    private static final long MAX_WHILE_STALLED = 1024 * 1024;
    private static TestCertificate certificate;
    @TempDir
    Path dir;
    private ProxyHarness proxy;

    @BeforeAll
    static void certificate() throws Exception {
        certificate = TestCertificate.localhost();
    }

    @BeforeEach
    void start() {
        proxy = new ProxyHarness(dir);
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
    }

    @ParameterizedTest
    @EnumSource(value = Backends.class, names = {"HTTP1", "H2C", "HTTPS_H2"})
    void twentyMegabytesEchoedBothWays(Backends kind) throws Exception {
        TestBackend backend = proxy.track(kind.start("b1", certificate));
        Translator translator = proxy.translator(kind.upstream("u", certificate.writePem(dir), backend), null);
        TestRequestBody body = TestRequestBody.chunked(proxy.loop(), SIZE, null);
        TestExchange exchange = TestExchange.post(proxy.loop(), "/echo", body);
        exchange.sink().stallEvery = 1024 * 1024;

        RecordingSink sink = proxy.run(translator, exchange);

        assertThat(sink.error).isNull();
        assertThat(sink.bytes).isEqualTo(SIZE);
        assertThat(backend.nextRequest().awaitBodyBytes()).isEqualTo(SIZE);
        assertThat(body.pauses.get()).as("reading from the client paused").isPositive();
        assertThat(sink.stalls).isPositive();
        assertThat(sink.bytesWhileUnwritable / sink.stalls).isLessThan(MAX_AFTER_PAUSE);
    }

    @Test
    void aWholeBodyReachesTheBackendBeforeTheClientEndsIt() throws Exception {
        TestBackend backend = proxy.track(Backends.HTTP1.start("b1", certificate));
        Translator translator = proxy.translator(Backends.HTTP1.upstream("u", certificate.writePem(dir), backend), null);
        TestRequestBody body = TestRequestBody.sizedEndingLater(proxy.loop(), 1000);
        TestExchange exchange = TestExchange.post(proxy.loop(), "/count", body);

        proxy.start(translator, exchange);

        // the last chunk waits for the end only within the task that delivered it, never for the client
        assertThat(backend.nextRequest().awaitBodyBytes()).isEqualTo(1000);
        RecordingSink sink = exchange.sink().await();
        body.end();
        assertThat(sink.error).isNull();
        assertThat(sink.status()).isEqualTo(200);
        assertThat(sink.body()).isEqualTo("1000");
    }

    @ParameterizedTest
    @EnumSource(value = Backends.class, names = {"HTTP1", "H2C"})
    void twentyMegabyteResponseFollowsTheClientsPace(Backends kind) throws Exception {
        TestBackend backend = proxy.track(kind.start("b1", certificate));
        Translator translator = proxy.translator(kind.upstream("u", null, backend), null);
        TestExchange exchange = proxy.get("/bytes/" + SIZE);
        exchange.sink().stallEvery = 256 * 1024;

        RecordingSink sink = proxy.run(translator, exchange);

        assertThat(sink.error).isNull();
        assertThat(sink.head.headers().get("content-length")).isEqualTo(String.valueOf(SIZE));
        assertThat(sink.bytes).isEqualTo(SIZE);
        assertThat(sink.stalls).isGreaterThan(10);
        assertThat(sink.bytesWhileUnwritable / sink.stalls).isLessThan(MAX_AFTER_PAUSE);
    }

    @ParameterizedTest
    @EnumSource(value = Backends.class, names = {"HTTP1", "H2C"})
    void upstreamReadsStopWhileTheClientTakesNothing(Backends kind) throws Exception {
        TestBackend backend = proxy.track(kind.start("b1", certificate));
        Translator translator = proxy.translator(kind.upstream("u", null, backend), null);
        TestExchange request = proxy.get("/bytes/" + SIZE);
        StallingClientSink client = new StallingClientSink(proxy.loop());
        Exchange exchange = new ForwardingExchange(request) {
            @Override
            public ResponseSink response() {
                return client;
            }
        };

        proxy.loop().execute(() -> translator.handle(exchange));

        // Without the pause the whole response is read into memory at once: all of SIZE.
        client.awaitNoMoreData(Duration.ofSeconds(1));
        assertThat(client.bytesWhileUnwritable).as("bytes read from the upstream while the client took nothing")
                .isLessThan(MAX_WHILE_STALLED);
        client.resume();
        assertThat(client.awaitEnd().error).isNull();
        assertThat(client.bytes).isEqualTo(SIZE);
    }

    @ParameterizedTest
    @EnumSource(value = Backends.class, names = {"HTTP1", "H2C"})
    void twentyMegabyteUploadIsCountedByTheBackend(Backends kind) throws Exception {
        TestBackend backend = proxy.track(kind.start("b1", certificate));
        Translator translator = proxy.translator(kind.upstream("u", null, backend), null);
        TestRequestBody body = TestRequestBody.sized(proxy.loop(), SIZE);

        RecordingSink sink = proxy.run(translator, TestExchange.post(proxy.loop(), "/count-slowly", body));

        assertThat(sink.body()).isEqualTo(String.valueOf(SIZE));
        assertThat(body.pauses.get()).isPositive();
    }
}
