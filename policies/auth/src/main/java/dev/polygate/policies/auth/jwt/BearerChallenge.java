package dev.polygate.policies.auth.jwt;

/**
 * The {@code WWW-Authenticate} challenges of bearer-token methods (RFC 6750 section 3): {@code Bearer realm="api"}
 * when no token came, and the same with {@code error="invalid_token"} and a short description when one was refused.
 */
public final class BearerChallenge {
    private BearerChallenge() {
    }

    public static String of(String realm) {
        return "Bearer realm=" + quoted(realm);
    }

    /**
     * {@code challenge} (a {@code Bearer} one from {@link #of}) with the error of a refused token; another scheme's
     * challenge is returned as it is.
     */
    public static String refusing(String challenge, String reason) {
        if (challenge == null || !challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
            return challenge;
        }
        return challenge + ", error=\"invalid_token\", error_description=" + quoted(reason);
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.append('"').toString();
    }
}
