package dev.polygate.certs;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {

    @TempDir
    Path dir;

    private IssuedCertificate issued;

    @BeforeEach
    void issueCertificate() throws IOException {
        issued = DevCertificateAuthority.loadOrCreate(dir.resolve("ca"))
                .issueServer(List.of("localhost"), List.of(), Duration.ofDays(1));
    }

    @Test
    void certificateChainAndKeyRoundTrip() throws IOException {
        Path certFile = dir.resolve("out/server.pem");
        Path keyFile = dir.resolve("out/server-key.pem");

        issued.writeTo(certFile, keyFile);

        assertThat(PemFiles.readCertificates(certFile)).containsExactlyElementsOf(issued.chain());
        assertThat(PemFiles.readPrivateKey(keyFile)).isEqualTo(issued.privateKey());
        assertThat(Files.readString(keyFile, US_ASCII)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(dir.resolve("out")).isDirectoryContaining(p -> p.equals(certFile))
                .isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void privateKeyIsReadableByOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path keyFile = dir.resolve("key.pem");

        PemFiles.writePrivateKey(keyFile, issued.privateKey());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
    }

    @Test
    void writingReplacesAnExistingFile() throws IOException {
        Path certFile = dir.resolve("chain.pem");
        PemFiles.writeCertificates(certFile, issued.chain());

        PemFiles.writeCertificates(certFile, issued.chain().subList(0, 1));

        assertThat(PemFiles.readCertificates(certFile)).containsExactly(issued.chain().get(0));
    }

    @Test
    void readsPkcs1RsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rsa = generator.generateKeyPair();
        byte[] pkcs1 = PrivateKeyInfo.getInstance(rsa.getPrivate().getEncoded())
                .parsePrivateKey().toASN1Primitive().getEncoded();
        Path keyFile = write("rsa.pem", new PemObject("RSA PRIVATE KEY", pkcs1));
        assertThat(Files.readString(keyFile)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        PrivateKey key = PemFiles.readPrivateKey(keyFile);

        assertThat(key.getAlgorithm()).isEqualTo("RSA");
        assertThat(key.getEncoded()).isEqualTo(rsa.getPrivate().getEncoded());
    }

    @Test
    void readsSec1EcKey() throws IOException {
        // Built by hand because BouncyCastle's SEC1 output for a JDK key omits the curve, which
        // OpenSSL ("openssl ecparam -genkey") always includes.
        ECPrivateKey jdkKey = (ECPrivateKey) issued.privateKey();
        X509Certificate leaf = issued.chain().get(0);
        var publicKey = SubjectPublicKeyInfo.getInstance(leaf.getPublicKey().getEncoded());
        var curve = PrivateKeyInfo.getInstance(jdkKey.getEncoded()).getPrivateKeyAlgorithm();
        byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, jdkKey.getS(),
                publicKey.getPublicKeyData(), curve.getParameters()).getEncoded();
        Path keyFile = write("ec.pem", new PemObject("EC PRIVATE KEY", sec1));
        assertThat(Files.readString(keyFile)).startsWith("-----BEGIN EC PRIVATE KEY-----");

        PrivateKey key = PemFiles.readPrivateKey(keyFile);

        assertThat(CertificateSigner.keysMatch(key, leaf.getPublicKey())).isTrue();
    }

    @Test
    void readsKeyAndCertificatesFromOneCombinedFile() throws IOException {
        Path combined = dir.resolve("combined.pem");
        Files.writeString(combined, pem(new JcaPKCS8Generator(issued.privateKey(), null))
                + pem(new JcaMiscPEMGenerator(issued.chain().get(0))));

        assertThat(PemFiles.readPrivateKey(combined)).isEqualTo(issued.privateKey());
        assertThat(PemFiles.readCertificates(combined)).containsExactly(issued.chain().get(0));
    }

    @Test
    void rejectsEncryptedPkcs8Key() throws Exception {
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider()) // the JDK lacks PKCS7Padding
                .setPassword("secret".toCharArray()).build();
        Path keyFile = write("enc.pem", new JcaPKCS8Generator(issued.privateKey(), encryptor));

        assertThatThrownBy(() -> PemFiles.readPrivateKey(keyFile))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(keyFile.toString())
                .hasMessageContaining("encrypted");
    }

    @Test
    void rejectsEncryptedTraditionalKey() throws IOException {
        var encryptor = new JcePEMEncryptorBuilder("AES-128-CBC")
                .setProvider(new BouncyCastleProvider()) // the JDK lacks OpenSSL's key derivation
                .build("secret".toCharArray());
        Path keyFile = write("enc.pem", new JcaMiscPEMGenerator(issued.privateKey(), encryptor));

        assertThatThrownBy(() -> PemFiles.readPrivateKey(keyFile))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(keyFile.toString())
                .hasMessageContaining("encrypted");
    }

    @Test
    void malformedPemNamesTheFile() throws IOException {
        Path file = dir.resolve("broken.pem");
        Files.writeString(file,
                "-----BEGIN CERTIFICATE-----\nnot*base64!\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> PemFiles.readCertificates(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Malformed PEM in " + file);
    }

    @Test
    void truncatedPemNamesTheFile() throws IOException {
        Path file = dir.resolve("truncated.pem");
        String pem = pem(issued.chain().get(0));
        Files.writeString(file, pem.substring(0, pem.length() / 2));

        assertThatThrownBy(() -> PemFiles.readCertificates(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void fileWithoutPemBlocksIsReportedClearly() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.pem"), "just some text\n");

        assertThatThrownBy(() -> PemFiles.readCertificates(file))
                .isInstanceOf(IOException.class)
                .hasMessage("No certificate (BEGIN CERTIFICATE) found in " + file);
        assertThatThrownBy(() -> PemFiles.readPrivateKey(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("No private key")
                .hasMessageContaining(file.toString());
    }

    @Test
    void keyFileWithOnlyCertificatesHasNoKey() throws IOException {
        Path certFile = dir.resolve("chain.pem");
        PemFiles.writeCertificates(certFile, issued.chain());

        assertThatThrownBy(() -> PemFiles.readPrivateKey(certFile))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("No private key");
    }

    @Test
    void emptyChainIsRejected() {
        List<X509Certificate> none = List.of();
        assertThatThrownBy(() -> PemFiles.writeCertificates(dir.resolve("x.pem"), none))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Path write(String name, Object pemObject) throws IOException {
        return Files.writeString(dir.resolve(name), pem(pemObject), US_ASCII);
    }

    private static String pem(Object pemObject) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(pemObject);
        }
        return text.toString();
    }
}
