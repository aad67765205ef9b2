package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway demo} on a fresh directory: no setup, translation through the embedded backend. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DemoTest {
    @TempDir
    Path workDir;

    @Test
    void theDemoAnswersOverHttp11H2cAndH2WithTheDevelopmentCa() throws Exception {
        try (GatewayProcess demo = GatewayProcess.startIn(workDir, List.of(), "demo", "--http-port", "0",
                "--https-port", "0", "--admin-port", "0")) {
            String http = "http://localhost:" + demo.port("http");
            HttpClient h1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> hello = send(h1, http + "/api/hello");
            assertThat(hello.statusCode()).isEqualTo(200);
            assertThat(hello.body()).contains("hello from the demo backend");
            assertThat(hello.headers().firstValue("x-served-by")).hasValue("polygate-demo");

            HttpResponse<String> upgraded = send(HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build(),
                    http + "/api/headers");
            assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(upgraded.body()).contains("\"x-gateway\":\"polygate\"", "\"x-forwarded-proto\":\"http\"");

            assertThat(demo.output()).contains("development CA: ");
            Path ca = workDir.resolve(".polygate/dev-ca.pem");
            HttpClient h2 = HttpClient.newBuilder().sslContext(trusting(ca)).version(HttpClient.Version.HTTP_2).build();
            HttpResponse<String> secure = send(h2, "https://localhost:" + demo.port("https") + "/api/hello");
            assertThat(secure.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(secure.statusCode()).isEqualTo(200);

            HttpResponse<String> missing = send(h1, http + "/nowhere");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("content-type")).hasValue("application/problem+json");
        }
    }

    private static HttpResponse<String> send(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext trusting(Path caFile) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (var in = java.nio.file.Files.newInputStream(caFile)) {
            store.setCertificateEntry("ca", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
