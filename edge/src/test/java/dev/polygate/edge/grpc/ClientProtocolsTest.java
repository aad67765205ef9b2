package dev.polygate.edge.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.certs.DevCertificateAuthority;
import dev.polygate.edge.testing.H2PriorKnowledgeClient;
import dev.polygate.edge.testing.RunningGateway;
import dev.polygate.edge.testing.TestTls;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transcoded calls over every client protocol the edge speaks: HTTP/1.1, h2c (upgrade, prior knowledge), TLS. */
final class ClientProtocolsTest {
    @TempDir
    static Path dir;
    static GrpcBackend backend;
    static RunningGateway gateway;
    static HttpClient tlsH2;

    @BeforeAll
    static void start() throws Exception {
        backend = GrpcBackend.start();
        gateway = RestGateway.startWithTls(dir, backend.port());
        tlsH2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(TestTls.trusting(DevCertificateAuthority.loadOrCreate(dir).caCertificateFile())).build();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        backend.close();
    }

    private static HttpResponse<String> post(HttpClient client, String base, String path, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(RestGateway.TIMEOUT)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void h2cByUpgradeThenPostOnTheSameConnection() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        String base = "http://127.0.0.1:" + gateway.httpPort();
        HttpResponse<String> upgraded = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/everything?int64Value=7"))
                .timeout(RestGateway.TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(upgraded.body()).isEqualTo("{\"int64Value\":\"7\"}");
        HttpResponse<String> posted = post(client, base, "/polygate.test.v1.Library/Ping", "{\"message\":\"h2c\"}");
        assertThat(posted.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(posted.body()).contains("\"pong: h2c\"");
    }

    @Test
    void h2cWithPriorKnowledge() throws Exception {
        try (H2PriorKnowledgeClient client = new H2PriorKnowledgeClient(gateway.httpPort())) {
            var echoed = client.get("/v1/everything/a/1/b");
            assertThat(echoed.status()).isEqualTo(200);
            assertThat(echoed.body()).isEqualTo("{\"int64Value\":\"1\",\"stringValue\":\"a\",\"nested\":{\"name\":\"b\"}}");
            var missing = client.get("/v1/shelves/none");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.body()).contains("\"code\":5");
        }
    }

    @Test
    void h2AndHttp11OverTls() throws Exception {
        String base = "https://localhost:" + gateway.httpsPort();
        HttpResponse<String> h2 = post(tlsH2, base, "/v1/everything:echo", "{\"uint64Value\":\"18446744073709551615\"}");
        assertThat(h2.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(h2.body()).isEqualTo("{\"uint64Value\":\"18446744073709551615\"}");
        HttpClient h1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(TestTls.trusting(DevCertificateAuthority.loadOrCreate(dir).caCertificateFile())).build();
        HttpResponse<String> http11 = post(h1, base, "/v1/everything:echo", "{\"level\":\"LOW\"}");
        assertThat(http11.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(http11.body()).isEqualTo("{\"level\":\"LOW\"}");
    }

    @Test
    void serverSentEventsOverH2ArriveOneByOne() throws Exception {
        String key = "h2-sse";
        backend.steps().stepped(key);
        var pending = tlsH2.sendAsync(HttpRequest.newBuilder(URI.create("https://localhost:" + gateway.httpsPort()
                        + "/v1/everything:stream?int32Value=2&stringValue=" + key))
                .header("accept", "text/event-stream").timeout(RestGateway.TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        backend.steps().allow(key);
        HttpResponse<InputStream> response = pending.get(10, TimeUnit.SECONDS);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("data: {\"int32Value\":1,\"stringValue\":\"h2-sse\"}");
            assertThat(lines.readLine()).isEmpty();
            backend.steps().allow(key);
            assertThat(lines.readLine()).isEqualTo("data: {\"int32Value\":2,\"stringValue\":\"h2-sse\"}");
            assertThat(lines.readLine()).isEmpty();
            assertThat(lines.readLine()).isNull();
        }
    }
}
