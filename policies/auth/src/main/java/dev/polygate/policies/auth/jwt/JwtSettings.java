package dev.polygate.policies.auth.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.util.Set;

/**
 * A {@code jwt} section's checks, once read.
 *
 * @param issuer        the {@code iss} tokens must carry; null with {@code allowAnyIssuer}
 * @param audiences     one of them must be in the token's {@code aud}; empty with {@code allowAnyAudience}
 * @param algorithms    the only signature algorithms accepted
 * @param leeway        the clock skew allowed on {@code exp}, {@code nbf} and {@code iat}
 * @param maxTokenSize  longer tokens are refused before being parsed
 * @param from          where the token travels
 * @param consumerClaim the claim that names the caller
 * @param groupsClaim   the claim holding groups, or null
 * @param realm         the realm of the {@code WWW-Authenticate} challenge
 */
record JwtSettings(String issuer, Set<String> audiences, Set<JWSAlgorithm> algorithms, Duration leeway,
                   long maxTokenSize, TokenSource from, String consumerClaim, String groupsClaim, String realm) {
    JwtSettings {
        audiences = Set.copyOf(audiences);
        algorithms = Set.copyOf(algorithms);
    }
}
