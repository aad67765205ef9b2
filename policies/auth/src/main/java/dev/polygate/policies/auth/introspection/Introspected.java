package dev.polygate.policies.auth.introspection;

import java.util.Map;

/**
 * What the authorization server said about one token.
 *
 * @param active        whether the token is active
 * @param claims        the answer's members ({@code sub}, {@code scope}, {@code client_id}, ...); empty when inactive
 * @param reuseUntil    until when (in {@link System#nanoTime()}) the answer may be reused
 */
record Introspected(boolean active, Map<String, Object> claims, long reuseUntil) {
}
