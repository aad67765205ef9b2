package dev.polygate.translators.soap;

import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A user name and password from an {@code Authorization: Basic} header (RFC 7617): the scheme in any case, then
 * base64 of {@code user:password} in UTF-8. The user name is everything before the first colon, so a password
 * may contain colons. Whatever cannot be used as it is in a UsernameToken is refused rather than repaired:
 * no header, another scheme, bad base64, bytes that are not UTF-8, no colon, an empty user name, control
 * characters.
 */
record BasicCredentials(String username, String password) {
    private static final String SCHEME = "basic";

    /** The credentials of an {@code Authorization} header value (null when the header is absent). */
    static BasicCredentials parse(String authorization) throws GatewayException {
        if (authorization == null || authorization.isBlank()) {
            throw refused("this operation needs the caller's credentials: send Authorization: Basic");
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (!(space < 0 ? value : value.substring(0, space)).equalsIgnoreCase(SCHEME)) {
            throw refused("the Authorization header must use the Basic scheme");
        }
        if (space < 0) {
            throw refused("the Authorization header has no Basic credentials");
        }
        String decoded = decode(value.substring(space + 1).strip());
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw refused("the Basic credentials have no colon between user name and password");
        }
        if (colon == 0) {
            throw refused("the Basic credentials have an empty user name");
        }
        if (decoded.chars().anyMatch(Character::isISOControl)) {
            throw refused("the Basic credentials contain control characters");
        }
        return new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private static String decode(String token) throws GatewayException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw refused("the Basic credentials are not valid base64");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw refused("the Basic credentials are not UTF-8 text");
        }
    }

    private static GatewayException refused(String detail) {
        return new GatewayException(ErrorKind.UNAUTHENTICATED, detail);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "BasicCredentials[username=" + username + "]";
    }
}
