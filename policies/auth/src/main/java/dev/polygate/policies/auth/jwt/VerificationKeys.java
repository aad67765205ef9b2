package dev.polygate.policies.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The public keys of a JWK set, each with its verifier made once. Only RSA and EC signature keys are kept: a
 * symmetric key never comes from a key set (an HS token is checked with the configured secret only), so a token
 * cannot pick the algorithm that turns a public key into an HMAC secret.
 */
final class VerificationKeys {
    static final VerificationKeys NONE = new VerificationKeys(List.of());

    private record Entry(JWK key, JWSVerifier verifier) {
    }

    private final List<Entry> entries;

    private VerificationKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static VerificationKeys of(JWKSet set) {
        List<Entry> entries = new ArrayList<>();
        for (JWK key : set.getKeys()) {
            if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
                continue;
            }
            try {
                if (key instanceof RSAKey rsa) {
                    entries.add(new Entry(rsa.toPublicJWK(), new RSASSAVerifier(rsa.toPublicJWK())));
                } else if (key instanceof ECKey ec) {
                    entries.add(new Entry(ec.toPublicJWK(), new ECDSAVerifier(ec.toPublicJWK())));
                }
            } catch (JOSEException e) {
                // a key that cannot verify anything (an unsupported curve) is left out, the others still serve
            }
        }
        return new VerificationKeys(entries);
    }

    int size() {
        return entries.size();
    }

    /**
     * The verifiers of the keys that may have signed a token with this header: of the type its algorithm needs (RSA
     * for RS and PS, EC on the right curve for ES), with its {@code kid} when it names one.
     */
    List<JWSVerifier> verifiersFor(JWSHeader header) {
        JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
        if (matcher == null) {
            return List.of();
        }
        List<JWSVerifier> found = new ArrayList<>(1);
        for (Entry entry : entries) {
            if (matcher.matches(entry.key())) {
                found.add(entry.verifier());
            }
        }
        return found;
    }
}
