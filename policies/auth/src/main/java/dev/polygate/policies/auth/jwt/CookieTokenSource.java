package dev.polygate.policies.auth.jwt;

import dev.polygate.spi.Exchange;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/** A token in a cookie of the {@code Cookie} header (RFC 6265: pairs separated by {@code ;}, values maybe quoted). */
final class CookieTokenSource implements TokenSource {
    private final String name;

    CookieTokenSource(String name) {
        this.name = name;
    }

    @Override
    public List<String> tokens(Exchange exchange) {
        List<String> found = new ArrayList<>(1);
        for (String header : exchange.request().headers().getAll(HttpHeaderNames.COOKIE)) {
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).trim().equals(name)) {
                    found.add(unquote(pair.substring(equals + 1).trim()));
                }
            }
        }
        return found;
    }

    @Override
    public void remove(Exchange exchange) {
        HttpHeaders headers = exchange.request().headers();
        List<String> kept = new ArrayList<>();
        for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
            List<String> pairs = new ArrayList<>();
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (!(equals > 0 && pair.substring(0, equals).trim().equals(name)) && !pair.isBlank()) {
                    pairs.add(pair.trim());
                }
            }
            if (!pairs.isEmpty()) {
                kept.add(String.join("; ", pairs));
            }
        }
        headers.remove(HttpHeaderNames.COOKIE);
        kept.forEach(value -> headers.add(HttpHeaderNames.COOKIE, value));
    }

    @Override
    public String describe() {
        return "cookie " + name;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
