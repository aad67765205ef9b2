package dev.polygate.translators.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Translator;
import dev.polygate.spi.UpstreamConfig;
import io.netty.channel.Channel;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keep-alive reuse, multiplexing, round-robin, the per-loop limit, and the stale-connection retry. */
class PoolingTest {
    @TempDir
    Path dir;
    private ProxyHarness proxy;

    @BeforeEach
    void start() {
        proxy = new ProxyHarness(dir);
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
    }

    @Test
    void sequentialExchangesReuseOneKeptAliveConnection() throws Exception {
        TestBackend backend = proxy.track(TestBackend.cleartext("b1"));
        Translator translator = proxy.translator(TestContext.upstreamConfig("u", "http://127.0.0.1:" + backend.port()), null);

        assertThat(proxy.run(translator, proxy.get("/one")).status()).isEqualTo(200);
        assertThat(proxy.run(translator, proxy.get("/two")).status()).isEqualTo(200);

        assertThat(backend.connections.get()).isEqualTo(1);
        assertThat(backend.nextRequest().connectionId).isEqualTo(backend.nextRequest().connectionId);
    }

    @Test
    void hostNamesAreResolvedWithoutBlockingTheLoop() throws Exception {
        TestBackend backend = proxy.track(TestBackend.cleartext("b1"));
        Translator translator = proxy.translator(TestContext.upstreamConfig("u", "http://localhost:" + backend.port()), null);

        TestExchange exchange = proxy.get("/");
        assertThat(proxy.run(translator, exchange).body()).isEqualTo("hello from b1");
        assertThat(exchange.upstream).isEqualTo("localhost:" + backend.port());
    }

    @Test
    void concurrentH2cExchangesShareOneConnection() throws Exception {
        TestBackend backend = proxy.track(TestBackend.cleartext("b1"));
        Translator translator = proxy.translator(TestContext.upstreamConfig("u", "h2c://127.0.0.1:" + backend.port()), null);
        List<TestExchange> exchanges = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            TestExchange exchange = proxy.get("/slow/100");
            exchanges.add(exchange);
            proxy.start(translator, exchange);
        }
        for (TestExchange exchange : exchanges) {
            assertThat(exchange.sink().await().body()).isEqualTo("slow");
        }
        assertThat(backend.connections.get()).isEqualTo(1);
    }

    @Test
    void exchangesTakeEndpointsInTurn() throws Exception {
        TestBackend first = proxy.track(TestBackend.cleartext("first"));
        TestBackend second = proxy.track(TestBackend.cleartext("second"));
        Translator translator = proxy.translator(TestContext.upstreamConfig("u",
                "http://127.0.0.1:" + first.port(), "http://127.0.0.1:" + second.port()), null);

        List<String> servedBy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            servedBy.add(proxy.run(translator, proxy.get("/")).head.headers().get("x-backend"));
        }

        assertThat(servedBy).containsExactly("first", "second", "first", "second");
        assertThat(first.connections.get()).isEqualTo(1);
        assertThat(second.connections.get()).isEqualTo(1);
    }

    @Test
    void beyondTheConnectionLimitExchangesFailFastWith503() throws Exception {
        TestBackend backend = proxy.track(TestBackend.cleartext("b1"));
        UpstreamConfig upstream = TestContext.upstreamConfig("limited", UpstreamConfig.UpstreamTls.DEFAULT, 1,
                "http://127.0.0.1:" + backend.port());
        Translator translator = proxy.translator(upstream, null);
        TestExchange hanging = proxy.get("/hang");
        proxy.start(translator, hanging);
        Channel busy = backend.nextHanging();

        RecordingSink rejected = proxy.run(translator, proxy.get("/"));

        assertThat(rejected.error.kind()).isEqualTo(ErrorKind.UPSTREAM_UNAVAILABLE);
        assertThat(rejected.error.detail()).contains("limited").contains("busy");
        hanging.cancel();
        assertThat(busy.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aPooledConnectionClosedOnReuseIsRetriedOnAFreshOne() throws Exception {
        TestBackend backend = proxy.track(TestBackend.cleartext("b1"));
        Translator translator = proxy.translator(TestContext.upstreamConfig("u", "http://127.0.0.1:" + backend.port()), null);
        assertThat(proxy.run(translator, proxy.get("/first")).status()).isEqualTo(200);
        // The server now drops any kept-alive connection on its next request, as one that timed it out would.
        backend.closeReusedConnections = true;

        RecordingSink retried = proxy.run(translator, proxy.get("/second"));

        assertThat(retried.error).isNull();
        assertThat(retried.body()).isEqualTo("hello from b1");
        assertThat(backend.connections.get()).isEqualTo(2);
    }

    @Test
    void aRequestWhoseBodyStartedIsNotRetried() throws Exception {
        TestBackend backend = proxy.track(TestBackend.cleartext("b1"));
        Translator translator = proxy.translator(TestContext.upstreamConfig("u", "http://127.0.0.1:" + backend.port()), null);
        assertThat(proxy.run(translator, proxy.get("/first")).status()).isEqualTo(200);
        backend.closeReusedConnections = true;

        RecordingSink failed = proxy.run(translator, TestExchange.post(proxy.loop(), "/count",
                TestRequestBody.sized(proxy.loop(), 1_000_000)));

        // Either the close is seen before the body starts (a safe retry) or after (a 502): never a replay.
        if (failed.error == null) {
            assertThat(failed.body()).isEqualTo("1000000");
        } else {
            assertThat(failed.error.kind()).isEqualTo(ErrorKind.UPSTREAM_PROTOCOL);
        }
    }

    @Test
    void translatorsForEqualUpstreamConfigsSharePools() throws Exception {
        TestBackend backend = proxy.track(TestBackend.cleartext("b1"));
        Translator first = proxy.translator(TestContext.upstreamConfig("u", "http://127.0.0.1:" + backend.port()), null);
        Translator second = proxy.translator(TestContext.upstreamConfig("u", "http://127.0.0.1:" + backend.port()),
                "{\"hostHeader\":\"upstream\"}");

        assertThat(((HttpTranslator) first).upstream()).isSameAs(((HttpTranslator) second).upstream());
        assertThat(proxy.run(first, proxy.get("/a")).status()).isEqualTo(200);
        first.close(); // a reload replaced the first route; its upstream lives on in the second
        assertThat(proxy.run(second, proxy.get("/b")).status()).isEqualTo(200);

        assertThat(((HttpTranslator) second).upstream().isRetired()).isFalse();
        assertThat(backend.connections.get()).isEqualTo(1);
    }

    @Test
    void idlePooledConnectionsCloseAfterTheUpstreamsIdleTimeout() throws Exception {
        TestBackend backend = proxy.track(TestBackend.cleartext("b1"));
        UpstreamConfig upstream = new UpstreamConfig("u", List.of(URI.create("http://127.0.0.1:" + backend.port())),
                UpstreamConfig.UpstreamTls.DEFAULT, Duration.ofSeconds(2), Duration.ofMillis(200), 4);
        Translator translator = proxy.translator(upstream, null);

        assertThat(proxy.run(translator, proxy.get("/")).status()).isEqualTo(200);

        Channel connection = backend.accepted.poll(5, TimeUnit.SECONDS);
        assertThat(connection.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void closingTheLastTranslatorOfAnUpstreamClosesItsIdleConnections() throws Exception {
        TestBackend backend = proxy.track(TestBackend.cleartext("b1"));
        Translator translator = proxy.translator(TestContext.upstreamConfig("u", "http://127.0.0.1:" + backend.port()), null);
        assertThat(proxy.run(translator, proxy.get("/")).status()).isEqualTo(200);
        Channel connection = backend.accepted.poll(5, TimeUnit.SECONDS);

        translator.close();

        assertThat(((HttpTranslator) translator).upstream().isRetired()).isTrue();
        assertThat(connection.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
    }
}
