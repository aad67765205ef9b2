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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client certificates: {@code require} refuses a client without one and accepts one issued by {@code certs}. */
class MutualTlsTest {
    @TempDir
    Path dataDir;

    @Test
    void requireRefusesAnonymousClientsAndAcceptsIssuedCertificates() throws Exception {
        DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(dataDir);
        String tls = "{ clientAuth: require, clientCa: " + ca.caCertificateFile() + " }";
        try (RunningGateway gateway = RunningGateway.start(dataDir, tls, """
                routes:
                  - match: { prefix: / }
                    translator: test-echo
                    backend: {}
                """)) {
            String url = "https://localhost:" + gateway.httpsPort() + "/who";

            HttpClient anonymous = client(TestTls.trusting(ca.caCertificateFile()));
            assertThatThrownBy(() -> send(anonymous, url)).isInstanceOf(IOException.class);

            Path out = dataDir.resolve("issued");
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            int exit = CertsCommand.run(List.of("client", "--cn", "alice", "--out", out.toString(),
                    "--data-dir", dataDir.toString()), new PrintStream(printed), System.err);
            assertThat(exit).isZero();
            IssuedCertificate alice = new IssuedCertificate(PemFiles.readCertificates(out.resolve("alice.pem")),
                    PemFiles.readPrivateKey(out.resolve("alice-key.pem")));

            HttpResponse<String> response = send(client(TestTls.context(ca.caCertificateFile(), alice)), url);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"client\":\"CN=alice");
        }
    }

    private static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> send(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
