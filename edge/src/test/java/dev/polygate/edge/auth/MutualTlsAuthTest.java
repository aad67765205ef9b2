package dev.polygate.edge.auth;

import static dev.polygate.edge.auth.HeaderEchoBackend.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.certs.CertsCommand;
import dev.polygate.certs.DevCertificateAuthority;
import dev.polygate.certs.IssuedCertificate;
import dev.polygate.certs.PemFiles;
import dev.polygate.edge.testing.TestTls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code mtls} method on a listener with {@code clientAuth: optional}: client certificates issued with
 * {@code certs client} are mapped to consumers by subject or alternative name (over HTTP/2, as the JDK client
 * negotiates it), the subject forwarded; an unmapped certificate and no certificate are 401s.
 */
class MutualTlsAuthTest {
    @TempDir
    static Path dir;
    static DevCertificateAuthority ca;
    static EchoedGateway both;

    @BeforeAll
    static void start() throws Exception {
        ca = DevCertificateAuthority.loadOrCreate(dir);
        both = EchoedGateway.start(dir, "{ clientAuth: optional, clientCa: \"" + ca.caCertificateFile() + "\" }", port -> """
                consumers:
                  - name: alice
                    groups: [ staff ]
                    credentials: { certificates: [ { subject: "CN=alice" } ] }
                  - name: billing
                    credentials: { certificates: [ { san: "spiffe://example.org/billing" } ] }
                upstreams:
                  backend: { endpoints: [ "http://127.0.0.1:%d" ] }
                routes:
                  - name: services
                    match: { prefix: / }
                    backend: { upstream: backend }
                    policies:
                      - auth: { anyOf: [ { mtls: {} } ], forward: { subject: x-client-subject } }
                """.formatted(port));
    }

    @AfterAll
    static void stop() {
        if (both != null) {
            both.close();
        }
    }

    /** A client certificate issued as users do: {@code certs client --cn NAME [--san NAME]}. */
    private static IssuedCertificate issue(String commonName, String... alternativeNames) throws Exception {
        Path out = dir.resolve("issued");
        List<String> args = new ArrayList<>(List.of("client", "--cn", commonName, "--out", out.toString(),
                "--data-dir", dir.toString()));
        for (String name : alternativeNames) {
            args.add("--san");
            args.add(name);
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        assertThat(CertsCommand.run(args, new PrintStream(printed), System.err)).as(printed.toString()).isZero();
        return new IssuedCertificate(PemFiles.readCertificates(out.resolve(commonName + ".pem")),
                PemFiles.readPrivateKey(out.resolve(commonName + "-key.pem")));
    }

    private static HttpResponse<String> get(SSLContext tls) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + both.gateway().httpsPort() + "/orders"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCertificateNamesItsConsumerBySubject() throws Exception {
        HttpResponse<String> response = get(TestTls.context(ca.caCertificateFile(), issue("alice")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(header(response.body(), "x-consumer")).containsExactly("alice");
        assertThat(header(response.body(), "x-consumer-groups")).containsExactly("staff");
        assertThat(header(response.body(), "x-client-subject")).containsExactly("CN=alice");
    }

    @Test
    void aCertificateNamesItsConsumerByAlternativeName() throws Exception {
        HttpResponse<String> response = get(TestTls.context(ca.caCertificateFile(),
                issue("billing-worker-7", "spiffe://example.org/billing")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(header(response.body(), "x-consumer")).containsExactly("billing");
    }

    @Test
    void anUnmappedCertificateAndNoCertificateAre401s() throws Exception {
        HttpResponse<String> stranger = get(TestTls.context(ca.caCertificateFile(), issue("stranger", "stranger.example")));
        assertThat(stranger.statusCode()).isEqualTo(401);
        assertThat(stranger.body()).contains("names no consumer");

        HttpResponse<String> anonymous = get(TestTls.trusting(ca.caCertificateFile()));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("www-authenticate")).isEmpty();
    }
}
