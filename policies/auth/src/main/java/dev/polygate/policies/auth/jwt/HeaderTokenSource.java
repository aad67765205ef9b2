package dev.polygate.policies.auth.jwt;

import dev.polygate.spi.Exchange;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/**
 * A token in a request header. In {@code Authorization} it must use the {@code Bearer} scheme (other schemes belong
 * to other methods and are left alone); in any other header the value is the token, a {@code Bearer } prefix
 * dropped.
 */
final class HeaderTokenSource implements TokenSource {
    private static final String SCHEME = "bearer";

    private final String name;
    private final boolean schemeRequired;

    HeaderTokenSource(String name) {
        this.name = name;
        this.schemeRequired = name.equals("authorization");
    }

    @Override
    public List<String> tokens(Exchange exchange) {
        List<String> found = new ArrayList<>(1);
        for (String value : exchange.request().headers().getAll(name)) {
            String token = bearerToken(value);
            if (token != null) {
                found.add(token);
            } else if (!schemeRequired) {
                found.add(value.trim());
            }
        }
        return found;
    }

    @Override
    public void remove(Exchange exchange) {
        HttpHeaders headers = exchange.request().headers();
        if (!schemeRequired) {
            headers.remove(name);
            return;
        }
        List<String> others = new ArrayList<>();
        for (String value : headers.getAll(name)) {
            if (bearerToken(value) == null) {
                others.add(value);
            }
        }
        headers.remove(name);
        others.forEach(value -> headers.add(name, value));
    }

    @Override
    public String describe() {
        return "header " + name;
    }

    /** The token of a {@code Bearer} credential (RFC 6750 section 2.1), or null for another scheme. */
    static String bearerToken(String value) {
        String trimmed = value.trim();
        if (trimmed.length() < SCHEME.length() || !trimmed.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        if (trimmed.length() == SCHEME.length()) {
            return "";
        }
        char separator = trimmed.charAt(SCHEME.length());
        return separator == ' ' || separator == '\t' ? trimmed.substring(SCHEME.length() + 1).trim() : null;
    }
}
