package dev.polygate.policies.auth;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/**
 * A credential carried in a cookie, from every {@code Cookie} header (RFC 6265: pairs separated by {@code ;}, values
 * maybe quoted; HTTP/2 clients send one header per cookie): an API key or a bearer token.
 */
public final class RequestCookies {
    private RequestCookies() {
    }

    /** Every value of the cookie {@code name}, in order, unquoted: empty when there is none. */
    public static List<String> values(HttpHeaders headers, String name) {
        List<String> values = new ArrayList<>(1);
        for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).trim().equals(name)) {
                    values.add(unquote(pair.substring(equals + 1).trim()));
                }
            }
        }
        return values;
    }

    /** Removes every cookie {@code name}, keeping the others in their headers; a header left empty is dropped. */
    public static void remove(HttpHeaders headers, String name) {
        List<String> rewritten = new ArrayList<>();
        for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
            List<String> kept = new ArrayList<>();
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (!(equals > 0 && pair.substring(0, equals).trim().equals(name)) && !pair.isBlank()) {
                    kept.add(pair.trim());
                }
            }
            if (!kept.isEmpty()) {
                rewritten.add(String.join("; ", kept));
            }
        }
        headers.remove(HttpHeaderNames.COOKIE);
        rewritten.forEach(value -> headers.add(HttpHeaderNames.COOKIE, value));
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
