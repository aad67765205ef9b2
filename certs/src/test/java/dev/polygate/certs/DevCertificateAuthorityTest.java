package dev.polygate.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCertificateAuthorityTest {

    @TempDir
    Path dataDir;

    @Test
    void createsCaOnceAndReusesIt() throws IOException {
        Path dir = dataDir.resolve("nested/data");

        DevCertificateAuthority first = DevCertificateAuthority.loadOrCreate(dir);
        DevCertificateAuthority second = DevCertificateAuthority.loadOrCreate(dir);

        assertThat(first.caCertificateFile()).isEqualTo(dir.resolve("dev-ca.pem")).exists();
        assertThat(dir.resolve("dev-ca-key.pem")).exists();
        assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
    }

    @Test
    void caCertificateIsAnEndEntityOnlyP256Ca() throws Exception {
        X509Certificate ca = DevCertificateAuthority.loadOrCreate(dataDir).caCertificate();

        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=Polygate Development CA");
        assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(ca.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(ca.getBasicConstraints()).isZero(); // CA with path length 0
        boolean[] keyUsage = ca.getKeyUsage();
        assertThat(keyUsage[5]).as("keyCertSign").isTrue();
        assertThat(keyUsage[6]).as("cRLSign").isTrue();
        assertThat(keyUsage[0]).as("digitalSignature").isFalse();
        assertThat(ca.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
        assertThat(ca.getNotAfter().toInstant())
                .isCloseTo(Instant.now().plus(3652, ChronoUnit.DAYS), within(2, ChronoUnit.DAYS));
        ca.verify(ca.getPublicKey());
    }

    @Test
    void caCertificateWithoutKeyIsNotSilentlyReplaced() throws IOException {
        DevCertificateAuthority.loadOrCreate(dataDir);
        Files.delete(dataDir.resolve("dev-ca-key.pem"));

        assertThatThrownBy(() -> DevCertificateAuthority.loadOrCreate(dataDir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("dev-ca-key.pem");
    }

    @Test
    void serverCertificateValidatesAndCarriesNames() throws Exception {
        DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(dataDir);

        IssuedCertificate issued = ca.issueServer(List.of("localhost", "api.example.test"),
                List.of("127.0.0.1", "::1"), Duration.ofDays(30));

        X509Certificate leaf = issued.chain().get(0);
        assertThat(issued.chain()).containsExactly(leaf, ca.caCertificate());
        Pkix.validate(issued.chain(), ca.caCertificate());
        assertThat(Pkix.subjectAltNames(leaf)).containsExactlyInAnyOrder(
                "2:localhost", "2:api.example.test", "7:127.0.0.1", "7:0:0:0:0:0:0:0:1");
        assertThat(leaf.getExtendedKeyUsage()).containsExactly(Pkix.SERVER_AUTH);
        assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(CertificateSigner.keysMatch(issued.privateKey(), leaf.getPublicKey())).isTrue();
        assertThat(leaf.getSerialNumber()).isPositive();
        assertThat(leaf.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
        assertThat(leaf.getNotBefore().toInstant())
                .isCloseTo(Instant.now().minus(1, ChronoUnit.HOURS), within(1, ChronoUnit.MINUTES));
        assertThat(leaf.getNotAfter().toInstant())
                .isCloseTo(Instant.now().plus(30, ChronoUnit.DAYS), within(1, ChronoUnit.MINUTES));
        assertThat(authorityKeyId(leaf)).isEqualTo(subjectKeyId(ca.caCertificate()));
        assertThat(subjectKeyId(leaf)).isNotEqualTo(subjectKeyId(ca.caCertificate()));
    }

    @Test
    void serialNumbersAreRandom() throws IOException {
        DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(dataDir);

        Duration day = Duration.ofDays(1);
        BigInteger first = ca.issueClient("a", day).chain().get(0).getSerialNumber();
        BigInteger second = ca.issueClient("a", day).chain().get(0).getSerialNumber();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void clientCertificateHasClientAuthUsage() throws Exception {
        DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(dataDir);

        IssuedCertificate issued = ca.issueClient("build-agent-7", Duration.ofDays(7));

        X509Certificate leaf = issued.chain().get(0);
        Pkix.validate(issued.chain(), ca.caCertificate());
        assertThat(leaf.getExtendedKeyUsage()).containsExactly(Pkix.CLIENT_AUTH);
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=build-agent-7");
        assertThat(issued.toString()).contains("build-agent-7", "privateKey=EC]");
    }

    @Test
    void rejectsInvalidRequests() throws IOException {
        DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(dataDir);
        Duration day = Duration.ofDays(1);

        assertThatThrownBy(() -> ca.issueServer(List.of("localhost"), List.of("localhost"), day))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'localhost'");
        assertThatThrownBy(() -> ca.issueServer(List.of("bad name"), List.of(), day))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bad name'");
        assertThatThrownBy(() -> ca.issueServer(List.of(), List.of(), day))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ca.issueClient("alice", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ca.issueClient(" ", day))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ipOnlyServerCertificateUsesAddressAsCommonName() throws Exception {
        DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(dataDir);

        X509Certificate leaf = ca.issueServer(List.of(), List.of("10.0.0.1"), Duration.ofDays(1))
                .chain().get(0);

        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=10.0.0.1");
        assertThat(Pkix.subjectAltNames(leaf)).containsExactly("7:10.0.0.1");
    }

    @Test
    void localhostCertificateIsCreatedThenReusedUnchanged() throws Exception {
        DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(dataDir);

        ServerCertificateFiles files = ca.ensureLocalhostServerCertificate();
        byte[] certBytes = Files.readAllBytes(files.certificateChain());
        byte[] keyBytes = Files.readAllBytes(files.privateKey());
        FileTime certModified = Files.getLastModifiedTime(files.certificateChain());
        FileTime keyModified = Files.getLastModifiedTime(files.privateKey());

        ServerCertificateFiles again =
                DevCertificateAuthority.loadOrCreate(dataDir).ensureLocalhostServerCertificate();

        assertThat(files).isEqualTo(new ServerCertificateFiles(
                dataDir.resolve("localhost.pem"), dataDir.resolve("localhost-key.pem")));
        assertThat(again).isEqualTo(files);
        assertThat(Files.readAllBytes(again.certificateChain())).isEqualTo(certBytes);
        assertThat(Files.readAllBytes(again.privateKey())).isEqualTo(keyBytes);
        assertThat(Files.getLastModifiedTime(again.certificateChain())).isEqualTo(certModified);
        assertThat(Files.getLastModifiedTime(again.privateKey())).isEqualTo(keyModified);

        List<X509Certificate> chain = PemFiles.readCertificates(files.certificateChain());
        assertThat(chain).hasSize(2).endsWith(ca.caCertificate());
        Pkix.validate(chain, ca.caCertificate());
        assertThat(Pkix.subjectAltNames(chain.get(0)))
                .containsExactlyInAnyOrder("2:localhost", "7:127.0.0.1", "7:0:0:0:0:0:0:0:1");
    }

    @Test
    void localhostCertificateIsRegeneratedWhenTheCaChanges() throws Exception {
        ServerCertificateFiles files =
                DevCertificateAuthority.loadOrCreate(dataDir).ensureLocalhostServerCertificate();
        byte[] oldCert = Files.readAllBytes(files.certificateChain());
        Files.delete(dataDir.resolve("dev-ca.pem"));
        Files.delete(dataDir.resolve("dev-ca-key.pem"));

        DevCertificateAuthority newCa = DevCertificateAuthority.loadOrCreate(dataDir);
        ServerCertificateFiles renewed = newCa.ensureLocalhostServerCertificate();

        assertThat(Files.readAllBytes(renewed.certificateChain())).isNotEqualTo(oldCert);
        Pkix.validate(PemFiles.readCertificates(renewed.certificateChain()), newCa.caCertificate());
    }

    @Test
    void localhostCertificateIsRegeneratedWhenExpiringSoon() throws Exception {
        DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(dataDir);
        IssuedCertificate expiring =
                ca.issueServer(List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(10));
        expiring.writeTo(dataDir.resolve("localhost.pem"), dataDir.resolve("localhost-key.pem"));

        ServerCertificateFiles files = ca.ensureLocalhostServerCertificate();

        X509Certificate leaf = PemFiles.readCertificates(files.certificateChain()).get(0);
        assertThat(leaf).isNotEqualTo(expiring.chain().get(0));
        assertThat(leaf.getNotAfter().toInstant())
                .isAfter(Instant.now().plus(Duration.ofDays(300)));
    }

    @Test
    void localhostCertificateIsRegeneratedWhenKeyDoesNotMatch() throws Exception {
        DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(dataDir);
        ServerCertificateFiles files = ca.ensureLocalhostServerCertificate();
        PemFiles.writePrivateKey(files.privateKey(),
                ca.issueClient("other", Duration.ofDays(1)).privateKey());

        ca.ensureLocalhostServerCertificate();

        X509Certificate leaf = PemFiles.readCertificates(files.certificateChain()).get(0);
        assertThat(CertificateSigner.keysMatch(
                PemFiles.readPrivateKey(files.privateKey()), leaf.getPublicKey())).isTrue();
    }

    private static byte[] subjectKeyId(X509Certificate certificate) throws IOException {
        byte[] value = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        return SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value))
                .getKeyIdentifier();
    }

    private static byte[] authorityKeyId(X509Certificate certificate) throws IOException {
        byte[] value = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        return AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value))
                .getKeyIdentifierOctets();
    }
}
