package dev.polygate.policies.auth.consumers;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * The names a client certificate is matched on, in one comparable form each: the subject as its RFC 2253 canonical
 * name ({@code cn=alice,o=acme}: attribute case, spacing and string encodings do not matter), and the subject
 * alternative names as {@code dns:host.example} (lower case, no trailing dot), {@code email:a@example.com} (lower
 * case) and {@code uri:spiffe://example/alice} (as written).
 */
final class CertificateNames {
    private static final int EMAIL = 1;
    private static final int DNS = 2;
    private static final int URI = 6;

    private CertificateNames() {
    }

    /**
     * The form of a configured subject.
     *
     * @throws IllegalArgumentException when it is no distinguished name
     */
    static String subject(String configured) {
        return new X500Principal(configured).getName(X500Principal.CANONICAL);
    }

    static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName(X500Principal.CANONICAL);
    }

    /** The form of a configured alternative name, its kind told by its shape: a URI, an e-mail address, or a host. */
    static String alternative(String configured) {
        if (configured.contains(":")) {
            return "uri:" + configured;
        }
        if (configured.contains("@")) {
            return "email:" + configured.toLowerCase(Locale.ROOT);
        }
        return "dns:" + host(configured);
    }

    /** The certificate's DNS, e-mail and URI alternative names. */
    static List<String> alternatives(X509Certificate certificate) throws CertificateParsingException {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        List<String> forms = new ArrayList<>();
        if (names == null) {
            return forms;
        }
        for (List<?> name : names) {
            if (name.size() < 2 || !(name.get(0) instanceof Integer type) || !(name.get(1) instanceof String value)) {
                continue;
            }
            switch (type) {
                case DNS -> forms.add("dns:" + host(value));
                case EMAIL -> forms.add("email:" + value.toLowerCase(Locale.ROOT));
                case URI -> forms.add("uri:" + value);
                default -> {
                    // other kinds (IP addresses, directory names) are not matched
                }
            }
        }
        return forms;
    }

    private static String host(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
