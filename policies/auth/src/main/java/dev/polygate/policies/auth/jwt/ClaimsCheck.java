package dev.polygate.policies.auth.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.List;

/** The checks of a verified token's claims: its times (with the leeway), issuer and audience. */
final class ClaimsCheck {
    private ClaimsCheck() {
    }

    /** Why the claims are refused at {@code now}, or null when they pass. */
    static String problem(JWTClaimsSet claims, JwtSettings settings, Instant now) {
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            return "token has no expiry";
        }
        if (now.isAfter(expiry.toInstant().plus(settings.leeway()))) {
            return "token expired";
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant().minus(settings.leeway()))) {
            return "token not yet valid";
        }
        Date issuedAt = claims.getIssueTime();
        if (issuedAt != null && issuedAt.toInstant().isAfter(now.plus(settings.leeway()))) {
            return "token issued in the future";
        }
        if (settings.issuer() != null && !settings.issuer().equals(claims.getIssuer())) {
            return "wrong issuer";
        }
        List<String> audience = claims.getAudience();
        if (!settings.audiences().isEmpty() && Collections.disjoint(audience, settings.audiences())) {
            return "wrong audience";
        }
        return null;
    }
}
