package dev.polygate.policies.auth.jwt;

import dev.polygate.policies.auth.Tokens;
import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.Exchange;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a bearer token travels in a request ({@code from:} in a {@code jwt} or {@code introspection} section):
 * {@code { header: authorization }} (the {@code Bearer} scheme, the default), {@code { header: x-token }},
 * {@code { cookie: name }}, {@code { query: access_token }} or {@code { subprotocol: true }} (a WebSocket
 * handshake offering {@code bearer.<token>} next to its real subprotocol, since browsers can set no other header
 * on a WebSocket).
 */
public interface TokenSource {
    /** The tokens the request carries in this place: empty for none, more than one when it carries several. */
    List<String> tokens(Exchange exchange);

    /** Takes the token out of the request, so that the backend does not receive it. */
    void remove(Exchange exchange);

    /** What the configuration calls this place, for messages. */
    String describe();

    /** The default: {@code Authorization: Bearer <token>}. */
    static TokenSource authorizationHeader() {
        return new HeaderTokenSource("authorization");
    }

    /** Reads a {@code from} section; a missing one is the {@code Authorization} header. */
    static TokenSource read(ConfigNode from) {
        if (!from.isPresent()) {
            return authorizationHeader();
        }
        if (!from.expectObject(Set.of("header", "cookie", "query", "subprotocol"))) {
            return authorizationHeader();
        }
        String header = from.text("header", null);
        String cookie = from.text("cookie", null);
        String query = from.text("query", null);
        boolean subprotocol = from.bool("subprotocol", false);
        int named = (header != null ? 1 : 0) + (cookie != null ? 1 : 0) + (query != null ? 1 : 0)
                + (from.get("subprotocol").isPresent() ? 1 : 0);
        if (named != 1) {
            from.problem("name exactly one place: header, cookie, query or subprotocol");
            return authorizationHeader();
        }
        if (header != null) {
            return !Tokens.isToken(header) ? invalid(from.get("header"))
                    : new HeaderTokenSource(header.toLowerCase(Locale.ROOT));
        }
        if (cookie != null) {
            return !Tokens.isToken(cookie) ? invalid(from.get("cookie")) : new CookieTokenSource(cookie);
        }
        if (query != null) {
            return query.isEmpty() ? invalid(from.get("query")) : new QueryTokenSource(query);
        }
        if (!subprotocol) {
            from.get("subprotocol").problem("must be true when present");
        }
        return new SubprotocolTokenSource();
    }

    private static TokenSource invalid(ConfigNode node) {
        node.problem(node.path().endsWith("query") ? "must not be empty" : "must be a name made of " + Tokens.RULE);
        return authorizationHeader();
    }
}
