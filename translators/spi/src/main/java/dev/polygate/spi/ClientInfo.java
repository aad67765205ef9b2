package dev.polygate.spi;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Who is calling and how.
 *
 * @param remoteAddress     the client's address
 * @param protocol          {@code HTTP/1.1} or {@code HTTP/2}
 * @param secure            true over TLS
 * @param serverName        the SNI host name the client sent, or null
 * @param peerCertificates  the verified client certificate chain (mTLS), leaf first; empty when none
 */
public record ClientInfo(InetSocketAddress remoteAddress, String protocol, boolean secure, String serverName,
                         List<X509Certificate> peerCertificates) {

    /** The subject of the verified client certificate, or null without one. */
    public String peerSubject() {
        return peerCertificates.isEmpty() ? null : peerCertificates.get(0).getSubjectX500Principal().getName();
    }
}
