package dev.polygate.certs;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Test helpers that check certificates with the JDK's own PKIX implementation. */
final class Pkix {

    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private Pkix() {}

    /** Validates the chain (leaf first, the anchor itself may be included) against {@code ca}. */
    static void validate(List<X509Certificate> chain, X509Certificate ca)
            throws GeneralSecurityException {
        List<X509Certificate> path = chain.stream().filter(c -> !c.equals(ca)).toList();
        CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
    }

    /** Subject alternative names as "type:value", e.g. "2:localhost" (dNSName), "7:127.0.0.1". */
    static Set<String> subjectAltNames(X509Certificate certificate)
            throws CertificateParsingException {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        if (names == null) {
            return Set.of();
        }
        return names.stream().map(n -> n.get(0) + ":" + n.get(1)).collect(Collectors.toSet());
    }
}
