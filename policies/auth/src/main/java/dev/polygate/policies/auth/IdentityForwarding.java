package dev.polygate.policies.auth;

import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.Principal;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The identity the backend receives as request headers ({@code forward}): the consumer's name, its groups (sorted,
 * comma-separated) and the subject (the {@code sub} claim, or the consumer's name). They are set by the gateway
 * only: whatever a client sent under those names is removed first, also as {@code grpc-metadata-NAME}, which the
 * gRPC translator would otherwise turn into metadata of the same name.
 *
 * @param consumer the consumer header's name, or null for none
 * @param groups   the groups header's name, or null for none
 * @param subject  the subject header's name, or null for none
 */
record IdentityForwarding(String consumer, String groups, String subject) {
    static final Set<String> KEYS = Set.of("consumer", "groups", "subject");
    private static final String GRPC_METADATA = "grpc-metadata-";

    /** Reads the {@code forward} section: a name, or null to forward nothing under that key. */
    static IdentityForwarding read(ConfigNode section) {
        section.expectObject(KEYS);
        return new IdentityForwarding(name(section, "consumer", "x-consumer"), name(section, "groups",
                "x-consumer-groups"), name(section, "subject", null));
    }

    private static String name(ConfigNode section, String key, String fallback) {
        ConfigNode node = section.get(key);
        if (node.raw().isNull()) {
            return null;
        }
        String name = section.text(key, fallback);
        if (name != null && !Tokens.isToken(name)) {
            node.problem("must be a header name (" + Tokens.RULE + ")");
            return null;
        }
        return name;
    }

    List<String> names() {
        List<String> names = new ArrayList<>(3);
        for (String name : new String[] {consumer, groups, subject}) {
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    /** Removes what the client sent under the forwarded names. */
    void removeClientCopies(HttpHeaders headers) {
        for (String name : names()) {
            headers.remove(name);
            headers.remove(GRPC_METADATA + name);
        }
    }

    /** Sets the headers for {@code principal}; a value the principal lacks (an anonymous caller's groups) is left out. */
    void forward(HttpHeaders headers, Principal principal) {
        if (consumer != null) {
            headers.set(consumer, headerValue(principal.consumer()));
        }
        if (groups != null && !principal.groups().isEmpty()) {
            headers.set(groups, headerValue(String.join(",", new TreeSet<>(principal.groups()))));
        }
        if (subject != null && !principal.isAnonymous()) {
            Object sub = principal.claims().get("sub");
            headers.set(subject, headerValue(sub == null ? principal.consumer() : sub.toString()));
        }
    }

    /**
     * The value as a header can carry it: printable ASCII as it is, anything else (a token's subject may hold any
     * character) percent-encoded as UTF-8, so that no byte of it can end a header or start another.
     */
    static String headerValue(String value) {
        boolean plain = true;
        for (int i = 0; i < value.length() && plain; i++) {
            char c = value.charAt(i);
            plain = c >= 0x20 && c < 0x7f && c != '%';
        }
        if (plain) {
            return value;
        }
        StringBuilder encoded = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '%') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
