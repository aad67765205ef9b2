package dev.polygate.certs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.util.IPAddress;

/**
 * A local certificate authority for development, kept as PEM files in a data directory.
 *
 * <p>The CA is created on first use ({@code dev-ca.pem}, {@code dev-ca-key.pem}) and reused
 * afterwards, so a developer trusts it once (browser, OS store, {@code curl --cacert}) and every
 * certificate issued later is accepted. It is not meant for production: its key sits unencrypted
 * on disk, protected only by file permissions.
 *
 * <p>Instances are safe for concurrent use.
 */
public final class DevCertificateAuthority {

    /** Data directory used when none is configured, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIR = Path.of(".polygate");

    static final String CA_COMMON_NAME = "Polygate Development CA";
    private static final String CA_CERT_FILE = "dev-ca.pem";
    private static final String CA_KEY_FILE = "dev-ca-key.pem";
    private static final String LOCALHOST_CERT_FILE = "localhost.pem";
    private static final String LOCALHOST_KEY_FILE = "localhost-key.pem";
    private static final int CA_VALIDITY_YEARS = 10;
    private static final Duration LOCALHOST_VALIDITY = Duration.ofDays(365);
    /** Renewing ahead of expiry keeps a long-running gateway from serving an expired cert. */
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofDays(30);
    private static final Pattern DNS_NAME = Pattern.compile("[A-Za-z0-9*._-]+");

    private final Path dataDir;
    private final X509Certificate caCertificate;
    private final PrivateKey caKey;

    private DevCertificateAuthority(Path dataDir, X509Certificate caCertificate,
            PrivateKey caKey) {
        this.dataDir = dataDir;
        this.caCertificate = caCertificate;
        this.caKey = caKey;
    }

    /**
     * Loads the CA kept in {@code dataDir}, or creates the directory and a new CA if there is none.
     *
     * @throws IOException if the files cannot be read or written, are malformed, or the CA
     *     certificate exists without its matching key
     */
    public static DevCertificateAuthority loadOrCreate(Path dataDir) throws IOException {
        Path certFile = dataDir.resolve(CA_CERT_FILE);
        Path keyFile = dataDir.resolve(CA_KEY_FILE);
        // The certificate is written last on creation, so its presence marks a complete CA; a
        // key without a certificate is the debris of an interrupted creation and is replaced.
        return Files.exists(certFile)
                ? load(dataDir, certFile, keyFile)
                : create(dataDir, certFile, keyFile);
    }

    private static DevCertificateAuthority load(Path dataDir, Path certFile, Path keyFile)
            throws IOException {
        if (!Files.exists(keyFile)) {
            // Never silently replace a CA that may already be trusted somewhere.
            throw new IOException("Development CA certificate " + certFile + " has no private key "
                    + keyFile + "; delete " + certFile + " to create a new CA");
        }
        X509Certificate certificate = PemFiles.readCertificates(certFile).get(0);
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        if (certificate.getBasicConstraints() < 0) {
            throw new IOException(certFile + " is not a CA certificate");
        }
        if (!CertificateSigner.keysMatch(key, certificate.getPublicKey())) {
            throw new IOException("Private key " + keyFile + " does not belong to " + certFile);
        }
        return new DevCertificateAuthority(dataDir, certificate, key);
    }

    private static DevCertificateAuthority create(Path dataDir, Path certFile, Path keyFile)
            throws IOException {
        if (!Files.isDirectory(dataDir)) {
            boolean posix = dataDir.getFileSystem().supportedFileAttributeViews().contains("posix");
            // The directory holds the CA key; keep other users from even listing it.
            FileAttribute<?>[] ownerOnly = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------"))}
                    : new FileAttribute<?>[0];
            Files.createDirectories(dataDir, ownerOnly);
        }
        KeyPair keyPair = CertificateSigner.newEcKeyPair();
        Instant notAfter = Instant.now().atZone(ZoneOffset.UTC).plusYears(CA_VALIDITY_YEARS)
                .toInstant();
        X509Certificate certificate =
                CertificateSigner.selfSignedCa(keyPair, CA_COMMON_NAME, notAfter);
        PemFiles.writePrivateKey(keyFile, keyPair.getPrivate());
        PemFiles.writeCertificates(certFile, List.of(certificate));
        return new DevCertificateAuthority(dataDir, certificate, keyPair.getPrivate());
    }

    /** The PEM file holding the CA certificate, which clients should trust. */
    public Path caCertificateFile() {
        return dataDir.resolve(CA_CERT_FILE);
    }

    /** The CA certificate. */
    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /**
     * Issues a TLS server certificate with a new EC P-256 key.
     *
     * @param dnsNames DNS names for the subject alternative names; the first is also the CN
     * @param ipAddresses IPv4 or IPv6 literals (such as {@code "::1"}) for the alternative names
     * @param validity how long the certificate is valid from now (capped at the CA's expiry)
     * @throws IllegalArgumentException if no name is given, a name or address is invalid, or the
     *     validity is not positive
     */
    public IssuedCertificate issueServer(List<String> dnsNames, List<String> ipAddresses,
            Duration validity) {
        List<GeneralName> altNames = new ArrayList<>();
        for (String dnsName : dnsNames) {
            if (!DNS_NAME.matcher(dnsName).matches()) {
                throw new IllegalArgumentException("Invalid DNS name '" + dnsName
                        + "' (use ASCII letters, digits, '-', '.', '*'; punycode for IDNs)");
            }
            altNames.add(new GeneralName(GeneralName.dNSName, dnsName));
        }
        for (String ipAddress : ipAddresses) {
            // Checked here because BouncyCastle would otherwise fail with a vague message.
            if (!IPAddress.isValid(ipAddress)) {
                throw new IllegalArgumentException("Invalid IP address '" + ipAddress + "'");
            }
            altNames.add(new GeneralName(GeneralName.iPAddress, ipAddress));
        }
        if (altNames.isEmpty()) {
            throw new IllegalArgumentException(
                    "A server certificate needs at least one DNS name or IP address");
        }
        String commonName = dnsNames.isEmpty() ? ipAddresses.get(0) : dnsNames.get(0);
        return issue(commonName, altNames, KeyPurposeId.id_kp_serverAuth, validity);
    }

    /**
     * Issues a TLS client certificate with a new EC P-256 key.
     *
     * @param commonName the subject CN identifying the client
     * @param validity how long the certificate is valid from now (capped at the CA's expiry)
     * @throws IllegalArgumentException if the name is blank or the validity is not positive
     */
    public IssuedCertificate issueClient(String commonName, Duration validity) {
        return issueClient(commonName, List.of(), validity);
    }

    /**
     * Issues a TLS client certificate with a new EC P-256 key and subject alternative names.
     *
     * @param commonName the subject CN identifying the client
     * @param alternativeNames each a URI when it holds a colon ({@code spiffe://example.org/billing}), else an
     *     e-mail address when it holds an {@code @}, else a DNS name
     * @param validity how long the certificate is valid from now (capped at the CA's expiry)
     * @throws IllegalArgumentException if the name is blank, an alternative name is invalid, or the validity is
     *     not positive
     */
    public IssuedCertificate issueClient(String commonName, List<String> alternativeNames,
            Duration validity) {
        if (commonName.isBlank()) {
            throw new IllegalArgumentException("Client common name is blank");
        }
        List<GeneralName> altNames = new ArrayList<>();
        for (String name : alternativeNames) {
            if (name.contains(":")) {
                altNames.add(new GeneralName(GeneralName.uniformResourceIdentifier, name));
            } else if (name.contains("@")) {
                altNames.add(new GeneralName(GeneralName.rfc822Name, name));
            } else if (DNS_NAME.matcher(name).matches()) {
                altNames.add(new GeneralName(GeneralName.dNSName, name));
            } else {
                throw new IllegalArgumentException("Invalid alternative name '" + name
                        + "' (a DNS name, an e-mail address or a URI)");
            }
        }
        return issue(commonName, altNames, KeyPurposeId.id_kp_clientAuth, validity);
    }

    /**
     * Returns the gateway's default certificate for {@code localhost}, {@code 127.0.0.1} and
     * {@code ::1}, stored as {@code localhost.pem} and {@code localhost-key.pem} in the data
     * directory. Existing files are reused unchanged unless they are unreadable, expire within
     * 30 days, were signed by a different CA, or do not match each other; then they are replaced.
     *
     * @throws IOException if the files cannot be written
     */
    public synchronized ServerCertificateFiles ensureLocalhostServerCertificate()
            throws IOException {
        ServerCertificateFiles files = new ServerCertificateFiles(
                dataDir.resolve(LOCALHOST_CERT_FILE), dataDir.resolve(LOCALHOST_KEY_FILE));
        if (!isCurrent(files)) {
            issueServer(List.of("localhost"), List.of("127.0.0.1", "::1"), LOCALHOST_VALIDITY)
                    .writeTo(files.certificateChain(), files.privateKey());
        }
        return files;
    }

    private boolean isCurrent(ServerCertificateFiles files) {
        if (!Files.isRegularFile(files.certificateChain())
                || !Files.isRegularFile(files.privateKey())) {
            return false;
        }
        try {
            X509Certificate leaf = PemFiles.readCertificates(files.certificateChain()).get(0);
            PrivateKey key = PemFiles.readPrivateKey(files.privateKey());
            return leaf.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE_EXPIRY))
                    && isSignedByThisCa(leaf)
                    // A crash between writing the two files can leave a key from another issue.
                    && CertificateSigner.keysMatch(key, leaf.getPublicKey());
        } catch (IOException e) {
            // These files are generated, never user-supplied, so damaged ones are just replaced.
            return false;
        }
    }

    private boolean isSignedByThisCa(X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(caCertificate.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(caCertificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            // Every dev CA has the same name, so only the signature tells a replaced CA apart.
            return false;
        }
    }

    private IssuedCertificate issue(String commonName, List<GeneralName> altNames,
            KeyPurposeId purpose, Duration validity) {
        Objects.requireNonNull(validity, "validity");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("Validity must be positive: " + validity);
        }
        KeyPair keyPair = CertificateSigner.newEcKeyPair();
        X509Certificate leaf = CertificateSigner.issue(caCertificate, caKey, keyPair.getPublic(),
                commonName, altNames, purpose, Instant.now().plus(validity));
        return new IssuedCertificate(List.of(leaf, caCertificate), keyPair.getPrivate());
    }
}
