package dev.polygate.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who an authentication policy found the caller to be.
 *
 * @param consumer the consumer's name from the {@code consumers} section, or the token's subject
 * @param groups   the consumer's groups
 * @param scopes   the scopes granted (a token's {@code scope} claim, an introspection answer's scopes)
 * @param claims   the token's claims or other attributes, for rules written against them; values are strings,
 *                 numbers, booleans, lists or maps as the token held them
 * @param method   how the caller proved it: {@code apiKey}, {@code basic}, {@code jwt}, {@code mtls},
 *                 {@code introspection}, or {@code anonymous}
 */
public record Principal(String consumer, Set<String> groups, Set<String> scopes, Map<String, Object> claims,
                        String method) {

    public Principal {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(method, "method");
        groups = Set.copyOf(groups);
        scopes = Set.copyOf(scopes);
        claims = Map.copyOf(claims);
    }

    /** The caller of a route whose authentication is optional and who brought no credential. */
    public static Principal anonymous(String consumer) {
        return new Principal(consumer, Set.of(), Set.of(), Map.of(), "anonymous");
    }

    public boolean isAnonymous() {
        return method.equals("anonymous");
    }
}
