package dev.polygate.translators.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Translator;
import dev.polygate.spi.UpstreamConfig;
import io.netty.channel.Channel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every way an upstream exchange can fail, and what the client and the upstream see of it. */
class FailuresTest {
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
    void refusedConnectionIs503NamingTheUpstream() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Translator translator = proxy.translator(TestContext.upstreamConfig("orders", "http://127.0.0.1:" + closedPort), null);

        RecordingSink sink = proxy.run(translator, proxy.get("/"));

        assertThat(sink.head).isNull();
        assertThat(sink.error.kind()).isEqualTo(ErrorKind.UPSTREAM_UNAVAILABLE);
        assertThat(sink.error.detail()).isEqualTo("upstream 'orders' refused the connection");
        assertThat(sink.error.logDetail()).as("the access log's account")
                .startsWith("upstream 'orders' (127.0.0.1:" + closedPort + ") refused the connection")
                .contains("ConnectException");
    }

    @Test
    void aRefusedEndpointIsSkippedForTheNextOne() throws Exception {
        TestBackend live = proxy.track(TestBackend.cleartext("live"));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Translator translator = proxy.translator(TestContext.upstreamConfig("u",
                "http://127.0.0.1:" + closedPort, "http://127.0.0.1:" + live.port()), null);

        assertThat(proxy.run(translator, proxy.get("/")).body()).isEqualTo("hello from live");
    }

    @Test
    void noEndpointsIs503() throws Exception {
        Translator translator = proxy.translator(TestContext.upstreamConfig("empty"), null);
        RecordingSink sink = proxy.run(translator, proxy.get("/"));
        assertThat(sink.error.kind()).isEqualTo(ErrorKind.UPSTREAM_UNAVAILABLE);
        assertThat(sink.error.detail()).contains("empty").contains("no endpoints");
    }

    /**
     * A listener whose accept queue is full drops further SYNs (Linux), so the connect hangs until its
     * timeout. Bounded by the 300 ms connect timeout whatever the kernel does.
     */
    @Test
    void connectTimeoutIs503() throws Exception {
        try (ServerSocketChannel full = ServerSocketChannel.open()) {
            full.bind(new InetSocketAddress("127.0.0.1", 0), 1);
            List<SocketChannel> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    SocketChannel filler = SocketChannel.open();
                    filler.configureBlocking(false);
                    filler.connect(full.getLocalAddress());
                    fillers.add(filler);
                }
                int port = ((InetSocketAddress) full.getLocalAddress()).getPort();
                UpstreamConfig upstream = new UpstreamConfig("slowconnect",
                        List.of(java.net.URI.create("http://127.0.0.1:" + port)), UpstreamConfig.UpstreamTls.DEFAULT,
                        Duration.ofMillis(300), Duration.ofSeconds(30), 4);
                Translator translator = proxy.translator(upstream, "{\"timeouts\":{\"idle\":\"1s\"}}");

                RecordingSink sink = proxy.run(translator, proxy.get("/"));

                assertThat(sink.error.kind()).isEqualTo(ErrorKind.UPSTREAM_UNAVAILABLE);
                assertThat(sink.error.detail()).contains("slowconnect").contains("timed out after 300ms");
            } finally {
                for (SocketChannel filler : fillers) {
                    closeQuietly(filler);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backends.class, names = {"HTTP1", "H2C"})
    void silentUpstreamIs504WithinTheIdleTimeout(Backends kind) throws Exception {
        TestBackend backend = proxy.track(TestBackend.cleartext("b1"));
        Translator translator = proxy.translator(kind.upstream("sleepy", null, backend), "{\"timeouts\":{\"idle\":\"300ms\"}}");
        long start = System.nanoTime();

        RecordingSink sink = proxy.run(translator, proxy.get("/slow/20000"));

        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(sink.error.kind()).isEqualTo(ErrorKind.UPSTREAM_TIMEOUT);
        assertThat(sink.error.detail()).contains("sleepy").contains("300ms");
        assertThat(elapsed).isBetween(250L, 5_000L);
    }

    @Test
    void totalTimeoutIs504EvenWhileTheUpstreamIsBusy() throws Exception {
        TestBackend backend = proxy.track(TestBackend.cleartext("b1"));
        Translator translator = proxy.translator(TestContext.upstreamConfig("u", "http://127.0.0.1:" + backend.port()),
                "{\"timeouts\":{\"idle\":\"60s\",\"total\":\"300ms\"}}");

        RecordingSink sink = proxy.run(translator, proxy.get("/slow/20000"));

        assertThat(sink.error.kind()).isEqualTo(ErrorKind.UPSTREAM_TIMEOUT);
        assertThat(sink.error.detail()).contains("within 300ms");
    }

    @ParameterizedTest
    @EnumSource(value = Backends.class, names = {"HTTP1", "H2C"})
    void upstreamClosingMidResponseAbortsTheResponse(Backends kind) throws Exception {
        TestBackend backend = proxy.track(TestBackend.cleartext("b1"));
        Translator translator = proxy.translator(kind.upstream("u", null, backend), null);

        RecordingSink sink = proxy.run(translator, proxy.get("/close-mid"));

        assertThat(sink.head.status()).isEqualTo(200);
        assertThat(sink.error.kind()).isEqualTo(ErrorKind.UPSTREAM_PROTOCOL);
        assertThat(sink.error.detail()).contains("before the response was complete");
    }

    @ParameterizedTest
    @EnumSource(value = Backends.class, names = {"HTTP1", "H2C"})
    void upstreamClosingWithoutResponseIs502(Backends kind) throws Exception {
        TestBackend backend = proxy.track(TestBackend.cleartext("b1"));
        Translator translator = proxy.translator(kind.upstream("u", null, backend), null);

        RecordingSink sink = proxy.run(translator, proxy.get("/close-early"));

        assertThat(sink.head).isNull();
        assertThat(sink.error.kind()).isEqualTo(ErrorKind.UPSTREAM_PROTOCOL);
        assertThat(sink.error.detail()).contains("without sending a response");
    }

    @Test
    void malformedResponseIs502() throws Exception {
        TestBackend backend = proxy.track(TestBackend.cleartext("b1"));
        Translator translator = proxy.translator(TestContext.upstreamConfig("u", "http://127.0.0.1:" + backend.port()), null);

        RecordingSink sink = proxy.run(translator, proxy.get("/garbage"));

        assertThat(sink.head).isNull();
        assertThat(sink.error.kind()).isEqualTo(ErrorKind.UPSTREAM_PROTOCOL);
        assertThat(sink.error.detail()).contains("malformed response");
    }

    @Test
    void anH2ResponseWithAFieldValueStartingWithASpaceIsMalformedAndTheConnectionServesOn() throws Exception {
        TestBackend backend = proxy.track(TestBackend.cleartext("b1"));
        Translator translator = proxy.translator(Backends.H2C.upstream("u", null, backend), null);

        RecordingSink sink = proxy.run(translator, proxy.get("/leading-space"));

        assertThat(sink.head).isNull();
        assertThat(sink.error.kind()).isEqualTo(ErrorKind.UPSTREAM_PROTOCOL);
        assertThat(sink.error.detail()).isEqualTo("upstream 'u' sent a malformed response");
        RecordingSink next = proxy.run(translator, proxy.get("/hello"));
        assertThat(next.head.status()).as("a stream error, not a connection error").isEqualTo(200);
        assertThat(backend.connections.get()).isEqualTo(1);
    }

    @Test
    void cancelClosesTheHttp1ConnectionInsteadOfPoolingIt() throws Exception {
        TestBackend backend = proxy.track(TestBackend.cleartext("b1"));
        Translator translator = proxy.translator(TestContext.upstreamConfig("u", "http://127.0.0.1:" + backend.port()), null);
        TestExchange exchange = proxy.get("/hang");
        proxy.start(translator, exchange);
        Channel upstreamSide = backend.nextHanging();

        exchange.cancel();

        assertThat(upstreamSide.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(proxy.run(translator, proxy.get("/after")).status()).isEqualTo(200);
        assertThat(backend.connections.get()).isEqualTo(2);
    }

    @Test
    void cancelResetsTheH2StreamAndKeepsTheConnection() throws Exception {
        TestBackend backend = proxy.track(TestBackend.cleartext("b1"));
        Translator translator = proxy.translator(TestContext.upstreamConfig("u", "h2c://127.0.0.1:" + backend.port()), null);
        TestExchange exchange = proxy.get("/hang");
        proxy.start(translator, exchange);
        Channel stream = backend.nextHanging();

        exchange.cancel();

        assertThat(stream.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.parent().isActive()).isTrue();
        assertThat(proxy.run(translator, proxy.get("/after")).status()).isEqualTo(200);
        assertThat(backend.connections.get()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = Backends.class, names = {"HTTP1", "H2C"})
    void aFailingClientBodyAbortsTheUpstreamExchange(Backends kind) throws Exception {
        TestBackend backend = proxy.track(TestBackend.cleartext("b1"));
        Translator translator = proxy.translator(kind.upstream("u", null, backend), null);
        TestExchange exchange = TestExchange.post(proxy.loop(), "/hang",
                TestRequestBody.failing(proxy.loop(), 200_000));
        proxy.start(translator, exchange);
        Channel upstreamSide = backend.nextHanging();

        RecordingSink sink = exchange.sink().await();

        assertThat(sink.error.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
        assertThat(sink.error.detail()).isEqualTo("the request body was malformed");
        assertThat(upstreamSide.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void untrustedCertificateFailsTheHandshakeWith502() throws Exception {
        TestCertificate certificate = TestCertificate.localhost();
        TestCertificate other = TestCertificate.localhost();
        TestBackend backend = proxy.track(TestBackend.tls("b1", certificate, "h2", "http/1.1"));
        Path otherCa = Files.createDirectories(dir.resolve("other"));
        Translator translator = proxy.translator(Backends.HTTPS_H2.upstream("tls", other.writePem(otherCa), backend), null);

        RecordingSink sink = proxy.run(translator, proxy.get("/"));

        assertThat(sink.error.kind()).as(String.valueOf(sink.error.getCause())).isEqualTo(ErrorKind.UPSTREAM_PROTOCOL);
        assertThat(sink.error.detail()).contains("TLS handshake");
    }

    @Test
    void aCertificateForAnotherNameFailsHostNameVerification() throws Exception {
        TestCertificate certificate = TestCertificate.localhost();
        TestBackend backend = proxy.track(TestBackend.tls("b1", certificate, "h2", "http/1.1"));
        UpstreamConfig upstream = TestContext.upstreamConfig("tls",
                new UpstreamConfig.UpstreamTls(certificate.writePem(dir), "api.elsewhere.example", false), 4,
                "https://127.0.0.1:" + backend.port());
        Translator translator = proxy.translator(upstream, null);

        RecordingSink sink = proxy.run(translator, proxy.get("/"));

        assertThat(sink.error.kind()).isEqualTo(ErrorKind.UPSTREAM_PROTOCOL);
        assertThat(sink.error.detail()).contains("TLS handshake");
    }

    @Test
    void insecureTrustAcceptsAnyCertificate() throws Exception {
        TestBackend backend = proxy.track(TestBackend.tls("b1", TestCertificate.localhost(), "h2", "http/1.1"));
        UpstreamConfig upstream = TestContext.upstreamConfig("u", new UpstreamConfig.UpstreamTls(null, null, true), 4,
                "https://127.0.0.1:" + backend.port());
        Translator translator = proxy.translator(upstream, null);

        assertThat(proxy.run(translator, proxy.get("/")).body()).isEqualTo("hello from b1");
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a half-open test socket; nothing to do
        }
    }
}
