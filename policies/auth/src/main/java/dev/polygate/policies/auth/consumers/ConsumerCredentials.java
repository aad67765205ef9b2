package dev.polygate.policies.auth.consumers;

import dev.polygate.spi.Consumer;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The consumers' credentials of one configuration, indexed for the authentication methods: API keys by digest
 * (no key itself is kept), Basic logins by user name, client certificates by subject and alternative name. Built by
 * {@link CredentialIndexes}; immutable.
 */
public final class ConsumerCredentials {
    private static final ConsumerCredentials NONE = new ConsumerCredentials(Map.of(), Map.of(), Map.of(), Map.of());

    private final Map<ApiKeyDigest, Consumer> apiKeys;
    private final Map<String, BasicLogin> logins;
    private final Map<String, Consumer> subjects;
    private final Map<String, Consumer> alternativeNames;
    private final PasswordHash decoy;

    ConsumerCredentials(Map<ApiKeyDigest, Consumer> apiKeys, Map<String, BasicLogin> logins,
                        Map<String, Consumer> subjects, Map<String, Consumer> alternativeNames) {
        this.apiKeys = Map.copyOf(apiKeys);
        this.logins = Map.copyOf(logins);
        this.subjects = Map.copyOf(subjects);
        this.alternativeNames = Map.copyOf(alternativeNames);
        this.decoy = logins.values().stream().findFirst().map(BasicLogin::passwordHash).orElse(null);
    }

    /** No credentials at all. */
    public static ConsumerCredentials none() {
        return NONE;
    }

    /** The consumer whose API key has this digest. */
    public Optional<Consumer> byApiKey(ApiKeyDigest digest) {
        return Optional.ofNullable(apiKeys.get(digest));
    }

    public Optional<BasicLogin> byUsername(String username) {
        return Optional.ofNullable(logins.get(username));
    }

    /**
     * A configured password hash to check an unknown user's password against, so that a wrong user name costs as
     * long as a wrong password and timing does not tell which user names exist; empty without Basic logins.
     */
    public Optional<PasswordHash> decoyHash() {
        return Optional.ofNullable(decoy);
    }

    /**
     * Every consumer a verified client certificate names, by its subject or by any of its DNS, e-mail and URI
     * alternative names: empty when none, more than one when the names disagree.
     *
     * @throws CertificateParsingException when the alternative names cannot be read
     */
    public Set<Consumer> byCertificate(X509Certificate leaf) throws CertificateParsingException {
        Set<Consumer> named = new LinkedHashSet<>(2);
        Consumer bySubject = subjects.get(CertificateNames.subject(leaf));
        if (bySubject != null) {
            named.add(bySubject);
        }
        for (String name : CertificateNames.alternatives(leaf)) {
            Consumer byName = alternativeNames.get(name);
            if (byName != null) {
                named.add(byName);
            }
        }
        return named;
    }

    /** How many credentials of each kind there are, for logs and tests. */
    @Override
    public String toString() {
        return "ConsumerCredentials[apiKeys=" + apiKeys.size() + ", logins=" + logins.size() + ", subjects="
                + subjects.size() + ", alternativeNames=" + alternativeNames.size() + "]";
    }
}
