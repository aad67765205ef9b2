package dev.polygate.edge.config;

import java.nio.file.Path;
import java.util.List;

/**
 * TLS of a listener.
 *
 * @param certificates the certificates, chosen by SNI; the first is the default. Empty: the development
 *                     CA's localhost certificate
 * @param clientAuth   whether client certificates are requested
 * @param clientCa     the CA that client certificates must chain to (required unless clientAuth is NONE)
 */
public record TlsConfig(List<CertificateConfig> certificates, ClientAuthMode clientAuth, Path clientCa) {
    public TlsConfig {
        certificates = List.copyOf(certificates);
    }

    /**
     * @param serverNames host names (exact or {@code *.example.com}) this certificate serves; empty: the
     *                    names in the certificate itself
     */
    public record CertificateConfig(Path certificateChain, Path privateKey, List<String> serverNames) {
        public CertificateConfig {
            serverNames = List.copyOf(serverNames);
        }
    }

    public enum ClientAuthMode { NONE, OPTIONAL, REQUIRE }
}
