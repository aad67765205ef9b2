package dev.polygate.policies.auth.jwt;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;

/**
 * A bearer token read as a signed JWT (JWS compact serialization), or why it is not one. Unsigned ({@code alg:
 * none}) and encrypted tokens are told apart from garbage, and nothing thrown by the parser escapes.
 *
 * @param jwt     the parsed token, or null
 * @param refusal why the token is refused, or null
 */
record SignedToken(SignedJWT jwt, String refusal) {

    static SignedToken parse(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length == 5) {
            return refused("encrypted tokens are not accepted");
        }
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return refused("malformed token");
        }
        try {
            Header header = Header.parse(new Base64URL(parts[0]));
            if (header instanceof PlainHeader) {
                return refused("unsigned token");
            }
            if (!(header instanceof JWSHeader)) {
                return refused("encrypted tokens are not accepted");
            }
            return new SignedToken(SignedJWT.parse(token), null);
        } catch (ParseException | RuntimeException e) {
            return refused("malformed token");
        }
    }

    private static SignedToken refused(String reason) {
        return new SignedToken(null, reason);
    }
}
