package dev.polygate.translators.websocket;

import java.util.List;
import java.util.Locale;

/**
 * Which browser origins may open sessions: {@code *} (any), an exact origin ({@code https://app.example.com}) or a
 * wildcard host ({@code https://*.example.com}). A request without {@code Origin} (not from a browser) is let
 * through: the check protects users' browsers from other sites (cross-site WebSocket hijacking), not the backend.
 */
record OriginAllowList(List<String> patterns) {
    static final OriginAllowList ANY = new OriginAllowList(List.of("*"));

    OriginAllowList {
        patterns = patterns.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
    }

    boolean allows(String origin) {
        if (origin == null) {
            return true;
        }
        String candidate = origin.trim().toLowerCase(Locale.ROOT);
        for (String pattern : patterns) {
            if (pattern.equals("*") || pattern.equals(candidate)) {
                return true;
            }
            int star = pattern.indexOf("://*.");
            if (star > 0 && candidate.startsWith(pattern.substring(0, star + 3))
                    && candidate.endsWith(pattern.substring(star + 4))
                    && candidate.length() > pattern.length() - 1) {
                return true;
            }
        }
        return false;
    }

    /** @throws IllegalArgumentException for a pattern that is none of the three forms */
    static void check(String pattern) {
        if (pattern.equals("*")) {
            return;
        }
        int scheme = pattern.indexOf("://");
        if (scheme <= 0 || pattern.endsWith("/") || pattern.indexOf('*') >= 0 && !pattern.contains("://*.")) {
            throw new IllegalArgumentException("'" + pattern
                    + "' is no origin: use *, https://host[:port] or https://*.example.com");
        }
    }
}
