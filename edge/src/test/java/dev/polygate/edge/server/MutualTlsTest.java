package dev.polygate.edge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polygate.certs.CertsCommand;
import dev.polygate.certs.DevCertificateAuthority;
import dev.polygate.certs.IssuedCertificate;
import dev.polygate.certs.PemFiles;
import dev.polygate.edge.testing.RunningGateway;
import dev.polygate.edge.testing.TestTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client certificates, issued by {@code certs}: {@code require} refuses a client without one; a certificate from
 * another CA is refused in both modes, since a presented certificate that cannot be verified is an error, not an
 * anonymous client; {@code optional} serves a client without one and hands the verified subject to the route.
 */
class MutualTlsTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path otherCaDir;
    private DevCertificateAuthority ca;

    @BeforeEach
    void createCa() throws Exception {
        ca = DevCertificateAuthority.loadOrCreate(dataDir);
    }

    @Test
    void requireRefusesAnonymousClientsAndAcceptsIssuedCertificates() throws Exception {
        try (RunningGateway gateway = gateway("require")) {
            String url = url(gateway);
            assertThatThrownBy(() -> send(TestTls.trusting(ca.caCertificateFile()), url)).isInstanceOf(IOException.class);

            HttpResponse<String> response = send(TestTls.context(ca.caCertificateFile(), issue(dataDir, "alice")), url);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"client\":\"CN=alice");
        }
    }

    /** With {@code optional} too: a certificate that fails verification is refused, not served as anonymous. */
    @ParameterizedTest
    @ValueSource(strings = {"require", "optional"})
    void aCertificateFromAnotherCaIsRefused(String clientAuth) throws Exception {
        try (RunningGateway gateway = gateway(clientAuth)) {
            IssuedCertificate mallory = issue(otherCaDir, "mallory");
            assertThatThrownBy(() -> send(TestTls.presentingAnyway(ca.caCertificateFile(), mallory), url(gateway)))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void optionalServesAClientWithoutACertificateAsAnonymous() throws Exception {
        try (RunningGateway gateway = gateway("optional")) {
            HttpResponse<String> response = send(TestTls.trusting(ca.caCertificateFile()), url(gateway));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"client\":null");
        }
    }

    @Test
    void optionalHandsTheVerifiedSubjectToTheRoute() throws Exception {
        try (RunningGateway gateway = gateway("optional")) {
            HttpResponse<String> response = send(TestTls.context(ca.caCertificateFile(), issue(dataDir, "bob")),
                    url(gateway));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"client\":\"CN=bob");
        }
    }

    private RunningGateway gateway(String clientAuth) throws Exception {
        String tls = "{ clientAuth: " + clientAuth + ", clientCa: " + ca.caCertificateFile() + " }";
        return RunningGateway.start(dataDir, tls, """
                routes:
                  - match: { prefix: / }
                    translator: test-echo
                    backend: {}
                """);
    }

    private static String url(RunningGateway gateway) {
        return "https://localhost:" + gateway.httpsPort() + "/who";
    }

    /** A client certificate from the development CA kept in {@code caDir}, issued as users do: {@code certs client}. */
    private static IssuedCertificate issue(Path caDir, String commonName) throws Exception {
        Path out = caDir.resolve("issued");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = CertsCommand.run(List.of("client", "--cn", commonName, "--out", out.toString(),
                "--data-dir", caDir.toString()), new PrintStream(printed), System.err);
        assertThat(exit).as(printed.toString()).isZero();
        return new IssuedCertificate(PemFiles.readCertificates(out.resolve(commonName + ".pem")),
                PemFiles.readPrivateKey(out.resolve(commonName + "-key.pem")));
    }

    private static HttpResponse<String> send(SSLContext context, String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
