package dev.polygate.policies.auth;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A credential carried in a query parameter ({@code ?api_key=...}, {@code ?access_token=...}): names compared after
 * percent-decoding (so {@code api%5Fkey} is {@code api_key} too, as the backend would read it), parameters separated
 * by {@code &}. Removing one keeps the other parameters exactly as the client wrote them.
 */
public final class QueryParameters {
    private QueryParameters() {
    }

    /** Every value of the parameter {@code name} in the query of {@code path}, in order, decoded. */
    public static List<String> values(String path, String name) {
        List<String> values = new ArrayList<>(1);
        int mark = path.indexOf('?');
        if (mark < 0) {
            return values;
        }
        for (String pair : path.substring(mark + 1).split("&", -1)) {
            int equals = pair.indexOf('=');
            if (decode(equals < 0 ? pair : pair.substring(0, equals)).equals(name)) {
                values.add(equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return values;
    }

    /** {@code path} without the parameter {@code name}; the same string when its query has none. */
    public static String without(String path, String name) {
        int mark = path.indexOf('?');
        if (mark < 0) {
            return path;
        }
        List<String> kept = new ArrayList<>();
        boolean removed = false;
        for (String pair : path.substring(mark + 1).split("&", -1)) {
            int equals = pair.indexOf('=');
            if (decode(equals < 0 ? pair : pair.substring(0, equals)).equals(name)) {
                removed = true;
            } else {
                kept.add(pair);
            }
        }
        if (!removed) {
            return path;
        }
        String bare = path.substring(0, mark);
        return kept.isEmpty() ? bare : bare + "?" + String.join("&", kept);
    }

    private static String decode(String component) {
        try {
            return QueryStringDecoder.decodeComponent(component, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return component; // compared as written, so a malformed escape never matches a parameter name
        }
    }
}
