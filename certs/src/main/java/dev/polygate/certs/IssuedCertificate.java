package dev.polygate.certs;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A freshly issued certificate: its chain (leaf first, then the issuing CA) and the leaf's
 * private key.
 *
 * @param chain the leaf certificate followed by its issuer(s); never empty
 * @param privateKey the private key of the leaf certificate
 */
public record IssuedCertificate(List<X509Certificate> chain, PrivateKey privateKey) {

    /** Copies the chain and rejects an empty chain or a missing key. */
    public IssuedCertificate {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("Certificate chain is empty");
        }
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /**
     * Writes the chain and the PKCS#8 private key as PEM files (see {@link PemFiles}).
     * The certificate is written first; a crash in between leaves a key that no longer matches.
     */
    public void writeTo(Path certFile, Path keyFile) throws IOException {
        PemFiles.writeCertificates(certFile, chain);
        PemFiles.writePrivateKey(keyFile, privateKey);
    }

    /** Describes the certificate without the key, so that logging this record leaks nothing. */
    @Override
    public String toString() {
        return "IssuedCertificate[subject=" + chain.get(0).getSubjectX500Principal().getName()
                + ", chainLength=" + chain.size()
                + ", privateKey=" + privateKey.getAlgorithm() + "]";
    }
}
