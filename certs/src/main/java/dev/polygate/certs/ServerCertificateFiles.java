package dev.polygate.certs;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Locations of a server's PEM certificate chain (leaf first) and its private key, ready to hand to
 * a TLS server.
 *
 * @param certificateChain PEM file holding the leaf certificate followed by the issuing CA
 * @param privateKey PEM file holding the leaf's PKCS#8 private key
 */
public record ServerCertificateFiles(Path certificateChain, Path privateKey) {

    /** Rejects missing paths. */
    public ServerCertificateFiles {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
    }
}
