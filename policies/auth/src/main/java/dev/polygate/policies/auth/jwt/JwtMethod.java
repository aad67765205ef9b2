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
 */
final class JwtMethod extends BearerTokenMethod {
    private final JwtSettings settings;
    private final KeySource keys;
    private final JWSVerifier secret;
    private final Map<String, Consumer> consumers;
    private final Clock clock;

    /** @param secret the verifier of HS tokens, or null when no HS algorithm is allowed */
    JwtMethod(JwtSettings settings, KeySource keys, JWSVerifier secret, Map<String, Consumer> consumers, Clock clock) {
        super(settings.from(), settings.maxTokenSize(), settings.realm());
        this.settings = settings;
        this.keys = keys;
        this.secret = secret;
        this.consumers = consumers;
        this.clock = clock;
    }

    @Override
    protected CompletionStage<AuthOutcome> check(String token) {
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
            return settled(verified(jwt, List.of(secret)));
        }
        return keys.verifiersFor(jwt.getHeader()).thenApply(verifiers -> verified(jwt, verifiers));
    }

    private AuthOutcome verified(SignedJWT jwt, List<JWSVerifier> verifiers) {
        if (verifiers.isEmpty()) {
            return AuthOutcome.refused("unknown key");
        }
        if (!verifiedByAny(jwt, verifiers)) {
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
        return AuthOutcome.accepted(TokenPrincipal.of(subject, claims.toJSONObject(), consumers,
                settings.groupsClaim(), "jwt"));
    }

    private static boolean verifiedByAny(SignedJWT jwt, List<JWSVerifier> verifiers) {
        for (JWSVerifier verifier : verifiers) {
            try {
                if (jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException | IllegalStateException e) {
                // this key cannot check this signature (a wrong curve, a malformed signature): try the next
            }
        }
        return false;
    }

    @Override
    public void close() {
        keys.close();
    }

    private static CompletionStage<AuthOutcome> refused(String reason) {
        return settled(AuthOutcome.refused(reason));
    }
}
