package dev.polygate.policies.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.polygate.policies.auth.AuthOutcome;
import dev.polygate.spi.Consumer;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Authenticates callers by a signed JWT: its size, its algorithm against the allow-list, its signature with a key of
 * the type that algorithm needs (a public key of the key source for RS, PS and ES; the configured secret for HS),
 * then its times, issuer and audience. Only a fetch of the key set is slow; with the keys at hand the outcome is
 * ready when {@link #authenticate} returns.
 *
 * <p>An accepted token is remembered ({@link VerifiedTokens}): the next request with the same token skips parsing
 * and the signature check, but its times, issuer and audience are checked again, and the key that accepted it must
 * still be in the key set (once a refetch drops it, the token is verified anew, and refused).
 */
final class JwtMethod extends BearerTokenMethod {
    private final JwtSettings settings;
    private final KeySource keys;
    private final JWSVerifier secret;
    private final Map<String, Consumer> consumers;
    private final Clock clock;
    private final VerifiedTokens recent;

    /** @param secret the verifier of HS tokens, or null when no HS algorithm is allowed */
    JwtMethod(JwtSettings settings, KeySource keys, JWSVerifier secret, Map<String, Consumer> consumers, Clock clock,
              VerifiedTokens recent) {
        super(settings.from(), settings.maxTokenSize(), settings.realm());
        this.settings = settings;
        this.keys = keys;
        this.secret = secret;
        this.consumers = consumers;
        this.clock = clock;
        this.recent = recent;
    }

    @Override
    protected CompletionStage<AuthOutcome> check(String token) {
        VerifiedTokens.Verified known = recent.find(token);
        if (known == null) {
            return verify(token);
        }
        String problem = ClaimsCheck.problem(known.claims(), settings, clock.instant());
        if (problem != null) {
            return refused(problem);
        }
        if (known.verifier() == secret) {
            return settled(known.accepted());
        }
        return keys.verifiersFor(known.header()).thenCompose(verifiers -> {
            if (verifiers.contains(known.verifier())) {
                return settled(known.accepted());
            }
            recent.forget(token); // its key left the key set: the token is checked as if never seen
            return verify(token);
        });
    }

    private CompletionStage<AuthOutcome> verify(String token) {
        SignedToken parsed = SignedToken.parse(token);
        if (parsed.refusal() != null) {
            return refused(parsed.refusal());
        }
        SignedJWT jwt = parsed.jwt();
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!settings.algorithms().contains(algorithm)) {
            return refused("algorithm not allowed");
        }
        if (JwtAlgorithms.isSymmetric(algorithm)) {
            return settled(verified(token, jwt, List.of(secret)));
        }
        return keys.verifiersFor(jwt.getHeader()).thenApply(verifiers -> verified(token, jwt, verifiers));
    }

    private AuthOutcome verified(String token, SignedJWT jwt, List<JWSVerifier> verifiers) {
        if (verifiers.isEmpty()) {
            return AuthOutcome.refused("unknown key");
        }
        JWSVerifier signer = signerAmong(jwt, verifiers);
        if (signer == null) {
            return AuthOutcome.refused("bad signature");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return AuthOutcome.refused("malformed token");
        }
        String problem = ClaimsCheck.problem(claims, settings, clock.instant());
        if (problem != null) {
            return AuthOutcome.refused(problem);
        }
        String subject = TokenPrincipal.text(claims.getClaim(settings.consumerClaim()));
        if (subject == null) {
            return AuthOutcome.refused("token has no " + settings.consumerClaim());
        }
        AuthOutcome accepted = AuthOutcome.accepted(TokenPrincipal.of(subject, claims.toJSONObject(), consumers,
                settings.groupsClaim(), "jwt"));
        recent.remember(token, new VerifiedTokens.Verified(jwt.getHeader(), claims, signer, accepted));
        return accepted;
    }

    /** The verifier that accepts the token's signature, or null. */
    private static JWSVerifier signerAmong(SignedJWT jwt, List<JWSVerifier> verifiers) {
        for (JWSVerifier verifier : verifiers) {
            try {
                if (jwt.verify(verifier)) {
                    return verifier;
                }
            } catch (JOSEException | IllegalStateException e) {
                // this key cannot check this signature (a wrong curve, a malformed signature): try the next
            }
        }
        return null;
    }

    @Override
    public void close() {
        keys.close();
    }

    private static CompletionStage<AuthOutcome> refused(String reason) {
        return settled(AuthOutcome.refused(reason));
    }
}
