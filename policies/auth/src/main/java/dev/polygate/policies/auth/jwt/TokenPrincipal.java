package dev.polygate.policies.auth.jwt;

import dev.polygate.spi.Consumer;
import dev.polygate.spi.Principal;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The principal a token's claims describe, for the token methods: the consumer of the {@code consumers} section
 * whose name the identifying claim holds (with its groups), or else the claim's value itself; groups from a claim
 * when configured; scopes from {@code scope} (space-separated, RFC 8693 and RFC 7662) or {@code scp} (a list).
 */
public final class TokenPrincipal {
    private TokenPrincipal() {
    }

    /**
     * @param subject     the identifying claim's value
     * @param claims      every claim, kept in the principal for authorization rules
     * @param groupsClaim the claim holding groups, or null
     * @param method      {@code jwt} or {@code introspection}
     */
    public static Principal of(String subject, Map<String, Object> claims, Map<String, Consumer> consumers,
                               String groupsClaim, String method) {
        Set<String> groups = new LinkedHashSet<>();
        Consumer consumer = consumers.get(subject);
        if (consumer != null) {
            groups.addAll(consumer.groups());
        }
        if (groupsClaim != null) {
            groups.addAll(strings(claims.get(groupsClaim)));
        }
        Set<String> scopes = new LinkedHashSet<>(strings(claims.get("scope")));
        scopes.addAll(strings(claims.get("scp")));
        return new Principal(consumer != null ? consumer.name() : subject, groups, scopes, withoutNulls(claims), method);
    }

    /** A claim's value as a string, for the identifying claim: a string or a number; else null. */
    public static String text(Object value) {
        if (value instanceof String text) {
            return text.isEmpty() ? null : text;
        }
        return value instanceof Number ? value.toString() : null;
    }

    /** A list claim's strings, or a string claim's space-separated words; nothing for other values. */
    static Set<String> strings(Object value) {
        Set<String> found = new LinkedHashSet<>();
        if (value instanceof String text) {
            for (String word : text.trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    found.add(word);
                }
            }
        } else if (value instanceof Collection<?> items) {
            for (Object item : items) {
                if (item instanceof String text && !text.isEmpty()) {
                    found.add(text);
                }
            }
        }
        return found;
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> claims) {
        if (!claims.containsValue(null)) {
            return claims;
        }
        Map<String, Object> kept = new java.util.LinkedHashMap<>(claims);
        kept.values().removeIf(java.util.Objects::isNull);
        return kept;
    }
}
