package dev.polygate.policies.auth.consumers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SHA-256 digest of an API key: what the gateway keeps of a key, written {@code sha256:<64 hex digits>} in the
 * configuration. Two digests are compared in constant time. A hash table of digests is safe to look keys up in: a
 * caller who times the lookup learns about the digest of a key it chose, which tells nothing of the stored keys.
 */
public final class ApiKeyDigest {
    public static final String SCHEME = "sha256:";
    private static final Pattern FORM = Pattern.compile("sha256:[0-9a-fA-F]{64}");

    private final byte[] digest;
    private final int hash;

    private ApiKeyDigest(byte[] digest) {
        this.digest = digest;
        this.hash = Arrays.hashCode(digest);
    }

    /** The digest of a key as a client presents it (its UTF-8 bytes). */
    public static ApiKeyDigest of(String key) {
        try {
            return new ApiKeyDigest(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Reads {@code sha256:<hex>}.
     *
     * @throws IllegalArgumentException when the text has another form
     */
    public static ApiKeyDigest parse(String text) {
        if (!FORM.matcher(text).matches()) {
            throw new IllegalArgumentException("must be sha256: followed by 64 hexadecimal digits (gateway hash-key"
                    + " prints it; or: printf %s \"$KEY\" | sha256sum)");
        }
        return new ApiKeyDigest(HexFormat.of().parseHex(text.substring(SCHEME.length()).toLowerCase(Locale.ROOT)));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKeyDigest that && MessageDigest.isEqual(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** The configuration's form, {@code sha256:<hex>}. */
    @Override
    public String toString() {
        return SCHEME + HexFormat.of().formatHex(digest);
    }
}
