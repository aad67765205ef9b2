package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar, started with a 64 MB heap, proxying real backends: 200 MB each way streamed and compared by
 * CRC32, upstream failures mapped to 502/503/504, and a client that leaves cancelling the upstream exchange.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ProxyThroughJarTest {
    private static final long BIG = 200L * 1024 * 1024;

    @TempDir
    static Path dir;
    static TestBackend backend;
    static TestBackend h2cBackend;
    static GatewayProcess gateway;
    static HttpClient client;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        backend = TestBackend.http1();
        h2cBackend = TestBackend.h2c();
        int unusedPort;
        try (var probe = new java.net.ServerSocket(0)) {
            unusedPort = probe.getLocalPort();
        }
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, """
                dataDir: data
                accessLog: { file: access.log }
                reload: { watch: false }
                admin: { port: 0 }
                listeners:
                  - { name: http, address: 127.0.0.1, port: 0 }
                upstreams:
                  backend: { endpoints: [ "http://127.0.0.1:%d" ] }
                  h2c-backend: { endpoints: [ "h2c://127.0.0.1:%d" ] }
                  down: { endpoints: [ "http://127.0.0.1:%d" ], connectTimeout: 1s }
                routes:
                  - name: h2c
                    match: { prefix: /h2c }
                    stripPrefix: /h2c
                    backend: { upstream: h2c-backend }
                  - name: down
                    match: { prefix: /down }
                    backend: { upstream: down }
                  - name: impatient
                    match: { prefix: /impatient }
                    rewrite: /slow
                    backend: { upstream: backend, timeouts: { idle: 500ms } }
                  - name: limited
                    match: { prefix: /limited }
                    rewrite: /count
                    backend: { upstream: backend }
                    policies:
                      - bodyLimit: { maxBytes: 1KiB }
                  - name: backend
                    match: { prefix: / }
                    backend: { upstream: backend }
                """.formatted(backend.port(), h2cBackend.port(), unusedPort));
        gateway = GatewayProcess.start(List.of("-Xmx64m", "-XX:MaxDirectMemorySize=64m"), "run", "--config",
                config.toString());
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        base = "http://127.0.0.1:" + gateway.port("http");
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        backend.close();
        h2cBackend.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void uploads200MegabytesThroughA64MegabyteHeap() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/count"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> PseudoRandomBytes.stream(BIG)))
                .timeout(Duration.ofMinutes(2)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"bytes\":" + BIG + ",\"crc32\":" + PseudoRandomBytes.crc32(BIG) + "}");
        assertThat(gateway.isAlive()).isTrue();
    }

    @Test
    void downloads200MegabytesThroughA64MegabyteHeap() throws Exception {
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(base + "/bytes?n=" + BIG))
                .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        long total = 0;
        CRC32 received = new CRC32();
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                received.update(buffer, 0, n);
            }
        }
        assertThat(total).isEqualTo(BIG);
        assertThat(received.getValue()).as("CRC32 of the bytes received").isEqualTo(PseudoRandomBytes.crc32(BIG));
        assertThat(gateway.isAlive()).isTrue();
    }

    @Test
    void writesOneJsonAccessLogLinePerExchange() throws Exception {
        get("/hello?log=1");
        Path log = dir.resolve("access.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String line = null;
        while (line == null && System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                line = Files.readAllLines(log).stream().filter(l -> l.contains("/hello?log=1")).findFirst().orElse(null);
            }
            if (line == null) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        assertThat(line).isNotNull();
        assertThat(line).startsWith("{\"time\":\"").contains("\"client\":\"127.0.0.1\"", "\"protocol\":\"HTTP/1.1\"",
                "\"method\":\"GET\"", "\"route\":\"backend\"", "\"upstream\":\"127.0.0.1:" + backend.port() + "\"",
                "\"status\":200", "\"bytesIn\":0", "\"bytesOut\":5", "\"durationMs\":");
    }

    @Test
    void proxiesToAnH2cUpstream() throws Exception {
        HttpResponse<String> response = get("/h2c/hello");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello");
    }

    @Test
    void addsForwardingHeadersAndDropsHopByHopOnes() throws Exception {
        String answer;
        try (var socket = new java.net.Socket("127.0.0.1", gateway.port("http"))) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("GET /headers HTTP/1.1\r\nHost: api.example\r\nX-Custom: kept\r\n"
                    + "Connection: close, X-Secret\r\nX-Secret: dropped\r\nKeep-Alive: timeout=5\r\n"
                    + "X-Forwarded-For: 10.1.2.3\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        assertThat(answer).startsWith("HTTP/1.1 200").contains("x-forwarded-for: 10.1.2.3, 127.0.0.1",
                "x-forwarded-proto: http", "x-forwarded-host: api.example", "x-custom: kept",
                "forwarded: for=127.0.0.1;proto=http;host=api.example", "host: api.example")
                .doesNotContain("x-secret", "keep-alive: timeout");
    }

    @Test
    void anUpstreamThatIsDownGivesA503ProblemDocument() throws Exception {
        HttpResponse<String> response = get("/down/anything");
        assertThat(response.statusCode()).isIn(502, 503);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("UPSTREAM_");
    }

    @Test
    void aSlowUpstreamGivesA504WithinTheTimeout() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = get("/impatient?ms=10000");
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("UPSTREAM_TIMEOUT");
        assertThat(elapsedMs).isLessThan(5000);
    }

    @Test
    void anOversizedBodyIsRefusedWith413() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/limited"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(4096))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(get("/hello").statusCode()).isEqualTo(200);
    }

    @Test
    void aChunkedBodyGrowingPastTheLimitIsRefusedWith413() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/limited"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> PseudoRandomBytes.stream(64 * 1024)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("PAYLOAD_TOO_LARGE");
    }

    @Test
    void anInvalidChunkSizeIsA400AndNeverReachesTheBackend() throws Exception {
        String answer;
        try (var socket = new java.net.Socket("127.0.0.1", gateway.port("http"))) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("POST /count HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "zz\r\nhello\r\n0\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json").doesNotContain("bytes");
        assertThat(get("/hello").statusCode()).isEqualTo(200);
    }

    @Test
    void aClientThatGoesAwayClosesTheUpstreamExchange() throws Exception {
        int before = backend.dripsClosed.get();
        try (var socket = new java.net.Socket("127.0.0.1", gateway.port("http"))) {
            socket.getOutputStream().write("GET /drip HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            socket.getOutputStream().flush();
            byte[] some = new byte[64];
            assertThat(socket.getInputStream().read(some)).isPositive(); // the response is flowing
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (backend.dripsClosed.get() == before && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertThat(backend.dripsClosed.get()).isGreaterThan(before);
    }
}
