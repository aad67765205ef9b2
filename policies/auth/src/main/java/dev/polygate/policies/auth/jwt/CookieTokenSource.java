package dev.polygate.policies.auth.jwt;

import dev.polygate.policies.auth.RequestCookies;
import dev.polygate.spi.Exchange;
import java.util.List;

/** A token in a cookie (see {@link RequestCookies}). */
final class CookieTokenSource implements TokenSource {
    private final String name;

    CookieTokenSource(String name) {
        this.name = name;
    }

    @Override
    public List<String> tokens(Exchange exchange) {
        return RequestCookies.values(exchange.request().headers(), name);
    }

    @Override
    public void remove(Exchange exchange) {
        RequestCookies.remove(exchange.request().headers(), name);
    }

    @Override
    public String describe() {
        return "cookie " + name;
    }
}
