package dev.polygate.certs;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes PEM-encoded X.509 certificate chains and private keys.
 *
 * <p>Readers accept what OpenSSL and common tools produce: certificate chains (leaf first), and
 * unencrypted private keys in PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or
 * SEC1 ({@code EC PRIVATE KEY}) form. Other PEM blocks in the same file, such as a certificate
 * next to its key, are skipped. Problems with a file's content are reported as an
 * {@link IOException} whose message names the file.
 *
 * <p>Writers replace the target atomically (temporary file in the same directory, then rename),
 * so a reader never sees a half-written file. Private keys are written as unencrypted PKCS#8 and
 * are readable only by the owner where the file system supports POSIX permissions.
 */
public final class PemFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WORLD_READABLE =
            PosixFilePermissions.fromString("rw-r--r--");

    private PemFiles() {}

    /**
     * Reads every certificate in a PEM file, in file order (a chain is conventionally leaf first).
     *
     * @throws IOException if the file cannot be read, is malformed, or holds no certificate
     */
    public static List<X509Certificate> readCertificates(Path pemFile) throws IOException {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> chain = new ArrayList<>();
        for (Object object : readObjects(pemFile)) {
            if (object instanceof X509CertificateHolder holder) {
                try {
                    chain.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw malformed(pemFile, e);
                }
            }
        }
        if (chain.isEmpty()) {
            throw new IOException("No certificate (BEGIN CERTIFICATE) found in " + pemFile);
        }
        return List.copyOf(chain);
    }

    /**
     * Reads the first private key in a PEM file.
     *
     * @throws IOException if the file cannot be read, is malformed, holds no private key, or the
     *     key is encrypted
     */
    public static PrivateKey readPrivateKey(Path pemFile) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object object : readObjects(pemFile)) {
            try {
                if (object instanceof PrivateKeyInfo pkcs8) {
                    return converter.getPrivateKey(pkcs8);
                }
                if (object instanceof PEMKeyPair traditional) { // PKCS#1 and SEC1
                    return converter.getPrivateKey(traditional.getPrivateKeyInfo());
                }
            } catch (IOException e) {
                throw malformed(pemFile, e);
            }
            if (object instanceof PKCS8EncryptedPrivateKeyInfo
                    || object instanceof PEMEncryptedKeyPair) {
                // There is nowhere to configure a passphrase, so say how to get a usable key.
                throw new IOException("Private key in " + pemFile + " is encrypted; Polygate needs"
                        + " an unencrypted key (for example: openssl pkey -in KEY -out PLAIN_KEY)");
            }
        }
        throw new IOException("No private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)"
                + " found in " + pemFile);
    }

    /** Writes a certificate chain, in list order, replacing {@code file} atomically. */
    public static void writeCertificates(Path file, List<X509Certificate> chain)
            throws IOException {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("Certificate chain for " + file + " is empty");
        }
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            for (X509Certificate certificate : chain) {
                writer.writeObject(certificate);
            }
        }
        writeAtomically(file, pem.toString(), WORLD_READABLE);
    }

    /**
     * Writes an unencrypted PKCS#8 private key, replacing {@code file} atomically, with permission
     * 600 where POSIX permissions are supported.
     */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        Objects.requireNonNull(key, "key");
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            // JcaPEMWriter alone would emit the traditional PKCS#1/SEC1 form, which for JDK EC
            // keys even lacks the curve. PKCS#8 is what every TLS stack reads for any key type.
            writer.writeObject(new JcaPKCS8Generator(key, null));
        }
        writeAtomically(file, pem.toString(), OWNER_ONLY);
    }

    private static List<Object> readObjects(Path pemFile) throws IOException {
        // ISO-8859-1 maps every byte, so stray non-ASCII bytes in comments ("Bag Attributes"
        // headers from openssl pkcs12) cannot fail decoding before the PEM parser sees them.
        BufferedReader reader = Files.newBufferedReader(pemFile, StandardCharsets.ISO_8859_1);
        try (PEMParser parser = new PEMParser(reader)) {
            List<Object> objects = new ArrayList<>();
            Object object;
            while ((object = parser.readObject()) != null) {
                objects.add(object);
            }
            return objects;
        } catch (IOException | RuntimeException e) {
            // The parser signals bad Base64 or DER with assorted runtime exceptions as well.
            throw malformed(pemFile, e);
        }
    }

    private static IOException malformed(Path pemFile, Exception cause) {
        return new IOException("Malformed PEM in " + pemFile + ": " + cause.getMessage(), cause);
    }

    private static void writeAtomically(Path file, String content,
            Set<PosixFilePermission> permissions) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        // The temporary file is created with its final permissions so that a private key is
        // never readable by others, not even between creation and rename.
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp",
                attributes);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(US_ASCII));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                // Sync before the rename: a crash must not leave an empty file under the real name.
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
