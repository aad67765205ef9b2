package dev.polygate.translators.soap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A route's {@code wsSecurity} section: the WS-Security UsernameToken added to every request.
 *
 * @param credentials where the user name and password come from
 * @param username    the user of {@code credentials: config}; null for {@code caller}
 * @param password    its password; null for {@code caller}
 * @param digest      PasswordDigest (with Nonce and Created) instead of PasswordText
 */
record WsSecurityConfig(Credentials credentials, String username, String password, boolean digest) {

    /** Where a UsernameToken's user name and password come from. */
    enum Credentials {
        /** The configuration's {@code username} and {@code password}, the same for every call. */
        CONFIG,
        /** Each caller's {@code Authorization: Basic} header (gRPC clients: their {@code authorization} metadata). */
        CALLER
    }

    private static final String AT = "wsSecurity.";
    private static final Set<String> KEYS = Set.of("credentials", "username", "password", "digest");

    /** The section, or null when there is none; problems are added with their paths. */
    static WsSecurityConfig parse(JsonNode node, List<ConfigException.Problem> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(new ConfigException.Problem("wsSecurity",
                    "must be a map, e.g. { credentials: caller } or { username: alice, password: secret }"));
            return null;
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!KEYS.contains(name)) {
                problems.add(new ConfigException.Problem(AT + name,
                        "unknown key; expected one of credentials, digest, password, username"));
            }
        });
        Credentials credentials = credentials(node.get("credentials"), problems);
        if (credentials == null) {
            return null;
        }
        JsonNode digest = node.get("digest");
        if (digest != null && !digest.isNull() && !digest.isBoolean()) {
            problems.add(new ConfigException.Problem(AT + "digest", "must be true or false"));
        }
        boolean useDigest = digest != null && digest.asBoolean(false);
        if (credentials == Credentials.CALLER) {
            for (String key : List.of("username", "password")) {
                if (node.has(key)) {
                    problems.add(new ConfigException.Problem(AT + key, "must not be set with credentials: caller,"
                            + " whose user name and password come from each caller's Authorization header"));
                }
            }
            return new WsSecurityConfig(Credentials.CALLER, null, null, useDigest);
        }
        return new WsSecurityConfig(Credentials.CONFIG, required(node, "username", problems),
                required(node, "password", problems), useDigest);
    }

    private static Credentials credentials(JsonNode value, List<ConfigException.Problem> problems) {
        if (value == null || value.isNull()) {
            return Credentials.CONFIG;
        }
        try {
            return Credentials.valueOf(value.asText().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            problems.add(new ConfigException.Problem(AT + "credentials", "must be config or caller"));
            return null;
        }
    }

    private static String required(JsonNode node, String key, List<ConfigException.Problem> problems) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            problems.add(new ConfigException.Problem(AT + key,
                    "is required with credentials: config (or take the caller's with credentials: caller)"));
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            problems.add(new ConfigException.Problem(AT + key, "must be a non-empty string"));
            return null;
        }
        return value.asText();
    }
}
