package dev.polygate.policies.ratelimit.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Values taken from requests, made safe to join into a key: no separator inside, and bounded in length. */
final class KeyText {
    /** Longer values (a long header) are replaced by a digest: the key stays short in memory and in Redis. */
    static final int MAX_LENGTH = 64;

    private KeyText() {
    }

    static String escape(String value) {
        String escaped = value.indexOf('%') < 0 && value.indexOf('|') < 0 ? value
                : value.replace("%", "%25").replace("|", "%7C");
        if (escaped.length() <= MAX_LENGTH) {
            return escaped;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
