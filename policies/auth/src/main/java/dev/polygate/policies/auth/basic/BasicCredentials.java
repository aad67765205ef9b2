package dev.polygate.policies.auth.basic;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The user name and password of an {@code Authorization: Basic} header (RFC 7617, UTF-8).
 *
 * @param username up to the first colon
 * @param password after it
 */
record BasicCredentials(String username, String password) {
    private static final String SCHEME = "basic";

    /** What the request's Authorization headers say, as far as Basic is concerned. */
    sealed interface Reading {
    }

    /** No Authorization header of the Basic scheme (there may be one of another scheme, such as Bearer). */
    record None() implements Reading {
    }

    record Malformed(String reason) implements Reading {
    }

    record Found(BasicCredentials credentials) implements Reading {
    }

    static Reading read(HttpHeaders headers) {
        List<String> basic = basicValues(headers);
        if (basic.isEmpty()) {
            return new None();
        }
        if (basic.size() > 1) {
            return new Malformed("more than one set of Basic credentials");
        }
        String encoded = basic.get(0).substring(SCHEME.length()).trim();
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return new Malformed("malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return new Malformed("malformed Basic credentials");
        }
        return new Found(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    /** Removes the Basic Authorization headers, leaving those of other schemes. */
    static void remove(HttpHeaders headers) {
        List<String> all = headers.getAll(HttpHeaderNames.AUTHORIZATION);
        if (all.isEmpty()) {
            return;
        }
        headers.remove(HttpHeaderNames.AUTHORIZATION);
        for (String value : all) {
            if (!isBasic(value)) {
                headers.add(HttpHeaderNames.AUTHORIZATION, value);
            }
        }
    }

    private static List<String> basicValues(HttpHeaders headers) {
        List<String> basic = new ArrayList<>(1);
        for (String value : headers.getAll(HttpHeaderNames.AUTHORIZATION)) {
            if (isBasic(value)) {
                basic.add(value);
            }
        }
        return basic;
    }

    private static boolean isBasic(String value) {
        return value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                && (value.length() == SCHEME.length() || value.charAt(SCHEME.length()) == ' ');
    }

    @Override
    public String toString() {
        return "BasicCredentials[username=" + username + "]"; // never the password, in a log or a failed assertion
    }
}
