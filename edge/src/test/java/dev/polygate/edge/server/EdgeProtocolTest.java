package dev.polygate.edge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polygate.certs.DevCertificateAuthority;
import dev.polygate.certs.IssuedCertificate;
import dev.polygate.edge.testing.H2PriorKnowledgeClient;
import dev.polygate.edge.testing.RawHttp;
import dev.polygate.edge.testing.RunningGateway;
import dev.polygate.edge.testing.TestTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edge's protocols with real clients on real sockets: HTTP/1.1, h2c, TLS with ALPN and SNI. */
class EdgeProtocolTest {
    @TempDir
    static Path dataDir;
    static RunningGateway gateway;
    static DevCertificateAuthority ca;

    @BeforeAll
    static void start() throws Exception {
        ca = DevCertificateAuthority.loadOrCreate(dataDir);
        IssuedCertificate alpha = ca.issueServer(List.of("alpha.test"), List.of(), Duration.ofDays(2));
        IssuedCertificate beta = ca.issueServer(List.of("beta.test"), List.of(), Duration.ofDays(2));
        alpha.writeTo(dataDir.resolve("alpha.pem"), dataDir.resolve("alpha-key.pem"));
        beta.writeTo(dataDir.resolve("beta.pem"), dataDir.resolve("beta-key.pem"));
        var localhost = ca.ensureLocalhostServerCertificate();
        String tls = "{ certificates: ["
                + "{ certificate: " + localhost.certificateChain() + ", privateKey: " + localhost.privateKey() + " },"
                + "{ certificate: alpha.pem, privateKey: alpha-key.pem },"
                + "{ certificate: beta.pem, privateKey: beta-key.pem } ] }";
        gateway = RunningGateway.start(dataDir, tls, """
                routes:
                  - name: public
                    match: { path: "/public/**" }
                    translator: test-echo
                    backend: {}
                  - name: admin
                    match: { prefix: "/admin" }
                    translator: test-echo
                    backend: {}
                  - name: users-orders
                    match: { path: "/users/{id}/orders/**", methods: [GET] }
                    translator: test-echo
                    backend: {}
                  - name: users
                    match: { prefix: "/users" }
                    translator: test-echo
                    backend: {}
                """);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void http11OnTheCleartextPort() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = get(client, "http://127.0.0.1:" + gateway.httpPort() + "/public/a?x=1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.body()).contains("\"route\":\"public\"", "\"path\":\"/public/a?x=1\"", "HTTP/1.1");
    }

    @Test
    void h2cWithUpgrade() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> response = get(client, "http://127.0.0.1:" + gateway.httpPort() + "/public/upgrade");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.body()).contains("\"protocol\":\"HTTP/2\"", "/public/upgrade");
    }

    @Test
    void h2cWithPriorKnowledge() throws Exception {
        try (H2PriorKnowledgeClient client = new H2PriorKnowledgeClient(gateway.httpPort())) {
            var first = client.get("/public/one");
            var second = client.get("/users/7/orders/3");
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body()).contains("\"protocol\":\"HTTP/2\"", "/public/one");
            assertThat(second.body()).contains("\"route\":\"users-orders\"");
        }
    }

    @Test
    void h2ByAlpnAndHttp11FallbackOnTheTlsPort() throws Exception {
        var tls = TestTls.trusting(ca.caCertificateFile());
        String url = "https://localhost:" + gateway.httpsPort() + "/public/tls";
        HttpResponse<String> h2 = get(HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_2).build(), url);
        assertThat(h2.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(h2.body()).contains("\"protocol\":\"HTTP/2\"", "\"sni\":\"localhost\"");
        HttpResponse<String> h1 = get(HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build(), url);
        assertThat(h1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(h1.body()).contains("\"protocol\":\"HTTP/1.1\"");
    }

    @Test
    void sniChoosesTheCertificate() throws Exception {
        assertThat(serverCertificateFor("alpha.test").getSubjectX500Principal().getName()).contains("CN=alpha.test");
        assertThat(serverCertificateFor("beta.test").getSubjectX500Principal().getName()).contains("CN=beta.test");
        // An unknown name gets the default (first) certificate.
        assertThat(serverCertificateFor("other.test").getSubjectX500Principal().getName()).contains("CN=localhost");
    }

    private static X509Certificate serverCertificateFor(String serverName) throws Exception {
        var context = TestTls.trusting(ca.caCertificateFile());
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", gateway.httpsPort())) {
            socket.setSoTimeout(5000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    @Test
    void unknownRouteIsA404ProblemDocument() throws Exception {
        HttpResponse<String> response = get(HttpClient.newHttpClient(), "http://127.0.0.1:" + gateway.httpPort() + "/nowhere");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":404", "\"code\":\"NOT_FOUND\"", "no route for GET /nowhere");
    }

    @Test
    void mostSpecificRouteWins() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + gateway.httpPort();
        assertThat(get(client, base + "/users/7/orders/1").body()).contains("\"route\":\"users-orders\"");
        assertThat(get(client, base + "/users/7").body()).contains("\"route\":\"users\"");
        // The template route is GET only: a POST falls back to the prefix route.
        var post = client.send(HttpRequest.newBuilder(URI.create(base + "/users/7/orders/1"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.body()).contains("\"route\":\"users\"");
    }

    @Test
    void dotSegmentsAndEncodedDotsCannotReachARouteByATrick() throws Exception {
        for (String trick : List.of("/public/../admin/panel", "/public/%2e%2e/admin/panel", "/public/%2E%2E/admin/panel",
                "/public/..%2fadmin/panel", "//public/./../admin/panel")) {
            String answer = RawHttp.exchange(gateway.httpPort(),
                    "GET " + trick + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(trick).startsWith("HTTP/1.1 200").contains("\"route\":\"admin\"",
                    "\"path\":\"/admin/panel\"");
        }
        String escape = RawHttp.exchange(gateway.httpPort(), "GET /public/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(escape).startsWith("HTTP/1.1 400").contains("application/problem+json");
    }

    @Test
    void malformedRequestsGetA4xxAndTheServerKeepsServing() throws Exception {
        int port = gateway.httpPort();
        assertThat(RawHttp.exchange(port, "THIS IS NOT HTTP\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(RawHttp.exchange(port, "GET /public/x HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n"))
                .startsWith("HTTP/1.1 400");
        assertThat(RawHttp.exchange(port, "GET /public/x HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431");
        assertThat(RawHttp.exchange(port, "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
                .startsWith("HTTP/1.1 414");
        String smuggle = RawHttp.exchange(port, "POST /public/x HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /admin/secret HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(smuggle).startsWith("HTTP/1.1 400").doesNotContain("/admin/secret");
        String badChunk = RawHttp.exchange(port, "POST /public/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\nhello\r\n0\r\n\r\n");
        assertThat(badChunk).contains("HTTP/1.1 200").doesNotContain("hello"); // head committed, then aborted
        assertThat(RawHttp.exchange(port, "POST /public/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"))
                .startsWith("HTTP/1.1 400");
        assertThat(RawHttp.exchange(port, "GET /public/x HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400");
        // And a good request still works.
        assertThat(RawHttp.exchange(port, "GET /public/ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        String answer = RawHttp.exchange(gateway.httpPort(), "GET /public/1 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /public/2 HTTP/1.1\r\nHost: x\r\n\r\nGET /public/3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(answer.indexOf("/public/1")).isLessThan(answer.indexOf("/public/2"));
        assertThat(answer.indexOf("/public/2")).isLessThan(answer.indexOf("/public/3"));
    }

    @Test
    void adminEndpoints() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + gateway.server().adminPort();
        assertThat(get(client, base + "/live").statusCode()).isEqualTo(200);
        assertThat(get(client, base + "/ready").body()).contains("ready");
        assertThatThrownBy(() -> RawHttp.exchange(-1, "")).isInstanceOf(IllegalArgumentException.class);
    }
}
