package dev.polygate.policies.auth.jwt;

import dev.polygate.policies.auth.QueryParameters;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.RequestHead;
import java.util.List;

/**
 * A token in a query parameter ({@code ?access_token=...}, RFC 6750 section 2.3; see {@link QueryParameters}).
 * Removing it rewrites the path the backend receives.
 */
final class QueryTokenSource implements TokenSource {
    private final String name;

    QueryTokenSource(String name) {
        this.name = name;
    }

    @Override
    public List<String> tokens(Exchange exchange) {
        return QueryParameters.values(exchange.request().path(), name);
    }

    @Override
    public void remove(Exchange exchange) {
        RequestHead head = exchange.request();
        String path = QueryParameters.without(head.path(), name);
        if (!path.equals(head.path())) {
            exchange.request(head.withPath(path));
        }
    }

    @Override
    public String describe() {
        return "query parameter " + name;
    }
}
