package dev.polygate.policies.auth.jwt;

import dev.polygate.spi.Exchange;
import dev.polygate.spi.RequestHead;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A token in a query parameter ({@code ?access_token=...}, RFC 6750 section 2.3). Removing it rewrites the path the
 * backend receives, keeping the other parameters exactly as the client wrote them.
 */
final class QueryTokenSource implements TokenSource {
    private final String name;

    QueryTokenSource(String name) {
        this.name = name;
    }

    @Override
    public List<String> tokens(Exchange exchange) {
        List<String> found = new ArrayList<>(1);
        String path = exchange.request().path();
        int query = path.indexOf('?');
        if (query < 0) {
            return found;
        }
        for (String pair : path.substring(query + 1).split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (decode(key).equals(name)) {
                found.add(equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return found;
    }

    @Override
    public void remove(Exchange exchange) {
        RequestHead head = exchange.request();
        String path = head.path();
        int query = path.indexOf('?');
        if (query < 0) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : path.substring(query + 1).split("&")) {
            int equals = pair.indexOf('=');
            if (!decode(equals < 0 ? pair : pair.substring(0, equals)).equals(name)) {
                kept.add(pair);
            }
        }
        String rest = String.join("&", kept);
        exchange.request(head.withPath(path.substring(0, query) + (rest.isEmpty() ? "" : "?" + rest)));
    }

    @Override
    public String describe() {
        return "query parameter " + name;
    }

    private static String decode(String component) {
        try {
            return QueryStringDecoder.decodeComponent(component, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return component; // malformed escapes: compared as written, so they never match a parameter name
        }
    }
}
