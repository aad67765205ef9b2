package dev.polygate.certs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertsCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void caPrintsTheCertificatePathAndKeepsTheCa() throws Exception {
        Path dataDir = dir.resolve("data");

        assertThat(run("ca", "--data-dir", dataDir.toString())).isZero();
        String firstOutput = out.toString(UTF_8);
        byte[] caBytes = Files.readAllBytes(dataDir.resolve("dev-ca.pem"));
        out.reset();
        assertThat(run("ca", "--data-dir=" + dataDir)).isZero();

        assertThat(firstOutput)
                .isEqualTo(absolute(dataDir.resolve("dev-ca.pem")) + lineSeparator());
        assertThat(out.toString(UTF_8)).isEqualTo(firstOutput);
        assertThat(Files.readAllBytes(dataDir.resolve("dev-ca.pem"))).isEqualTo(caBytes);
        assertThat(err.toString(UTF_8)).isEmpty();
    }

    @Test
    void serverWritesChainAndKeyNamedAfterTheFirstName() throws Exception {
        Path dataDir = dir.resolve("data");
        Path outDir = dir.resolve("out");

        int code = run("server", "--name", "localhost", "--name", "api.example.test",
                "--ip", "127.0.0.1", "--ip", "::1", "--out", outDir.toString(), "--days", "10",
                "--data-dir", dataDir.toString());

        assertThat(code).isZero();
        Path certFile = outDir.resolve("localhost.pem");
        Path keyFile = outDir.resolve("localhost-key.pem");
        assertThat(out.toString(UTF_8)).isEqualTo(
                absolute(certFile) + lineSeparator() + absolute(keyFile) + lineSeparator());
        X509Certificate ca = DevCertificateAuthority.loadOrCreate(dataDir).caCertificate();
        List<X509Certificate> chain = PemFiles.readCertificates(certFile);
        assertThat(chain).hasSize(2).endsWith(ca);
        Pkix.validate(chain, ca);
        X509Certificate leaf = chain.get(0);
        assertThat(Pkix.subjectAltNames(leaf)).containsExactlyInAnyOrder("2:localhost",
                "2:api.example.test", "7:127.0.0.1", "7:0:0:0:0:0:0:0:1");
        assertThat(leaf.getExtendedKeyUsage()).containsExactly(Pkix.SERVER_AUTH);
        assertThat(leaf.getNotAfter().toInstant()).isBetween(
                Instant.now().plus(9, ChronoUnit.DAYS), Instant.now().plus(11, ChronoUnit.DAYS));
        assertThat(CertificateSigner.keysMatch(PemFiles.readPrivateKey(keyFile),
                leaf.getPublicKey())).isTrue();
    }

    @Test
    void clientWritesChainAndKeyNamedAfterTheCommonName() throws Exception {
        Path dataDir = dir.resolve("data");

        int code = run("client", "--cn", "alice", "--out", dir.toString(),
                "--data-dir", dataDir.toString());

        assertThat(code).isZero();
        List<X509Certificate> chain = PemFiles.readCertificates(dir.resolve("alice.pem"));
        X509Certificate ca = DevCertificateAuthority.loadOrCreate(dataDir).caCertificate();
        assertThat(chain).hasSize(2).endsWith(ca);
        assertThat(chain.get(0).getExtendedKeyUsage()).containsExactly(Pkix.CLIENT_AUTH);
        assertThat(chain.get(0).getSubjectX500Principal().getName()).isEqualTo("CN=alice");
        assertThat(PemFiles.readPrivateKey(dir.resolve("alice-key.pem"))).isNotNull();
        assertThat(out.toString(UTF_8)).contains(absolute(dir.resolve("alice.pem")).toString(),
                absolute(dir.resolve("alice-key.pem")).toString());
    }

    @Test
    void unsafeCharactersInNamesDoNotEscapeTheOutputDirectory() throws Exception {
        Path outDir = dir.resolve("out");

        int code = run("client", "--cn", "../evil/x", "--out", outDir.toString(),
                "--data-dir", dir.resolve("data").toString());

        assertThat(code).isZero();
        assertThat(outDir.resolve(".._evil_x.pem")).exists();
        assertThat(dir.resolve("evil")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "server --help", "client --cn x -h", "ca --help"})
    void helpPrintsUsageAndSucceeds(String args) {
        assertThat(run(args.split(" "))).isZero();

        assertThat(out.toString(UTF_8)).startsWith("Usage: polygate certs");
        assertThat(err.toString(UTF_8)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "bogus", "server --bogus x", "server --ip 127.0.0.1", "server --name",
        "server --name localhost --days 0", "server --name localhost --days ten",
        "server --name localhost --ip not-an-ip", "client", "client --cn a --cn b",
        "ca extra", "ca --name localhost"})
    void usageErrorsExitWithTwo(String args) {
        List<String> arguments = args.isEmpty() ? List.of() : List.of(args.split(" "));
        List<String> withDirs = new ArrayList<>(arguments);
        if (!arguments.isEmpty()) {
            withDirs.addAll(List.of("--data-dir", dir.resolve("data").toString(),
                    "--out", dir.resolve("out").toString()));
        }

        assertThat(CertsCommand.run(withDirs, stream(out), stream(err))).isEqualTo(2);

        assertThat(err.toString(UTF_8)).startsWith("certs: ").contains("Usage: polygate certs");
        assertThat(out.toString(UTF_8)).isEmpty();
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void unknownOptionIsNamed() {
        assertThat(run("server", "--name", "localhost", "--bogus", "1")).isEqualTo(2);

        assertThat(err.toString(UTF_8)).startsWith("certs: unknown option '--bogus'");
    }

    @Test
    void unusableDataDirectoryFailsWithOne() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");

        assertThat(run("ca", "--data-dir", notADirectory.toString())).isEqualTo(1);

        assertThat(err.toString(UTF_8)).startsWith("certs: file already exists: ")
                .contains(notADirectory.toString());
    }

    private int run(String... args) {
        return CertsCommand.run(List.of(args), stream(out), stream(err));
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, UTF_8);
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }

    private static String lineSeparator() {
        return System.lineSeparator();
    }
}
