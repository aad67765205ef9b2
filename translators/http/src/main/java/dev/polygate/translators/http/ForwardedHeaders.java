package dev.polygate.translators.http;

import dev.polygate.spi.ClientInfo;
import dev.polygate.spi.RequestHead;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Tells the upstream who really called: X-Forwarded-* and RFC 7239 Forwarded. The names are cached ASCII strings,
 * whose hash the header map does not work out again for each request.
 */
final class ForwardedHeaders {
    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    static final AsciiString FORWARDED = AsciiString.cached("forwarded");

    private ForwardedHeaders() {
    }

    static void add(HttpHeaders headers, RequestHead head, ClientInfo client) {
        String ip = clientIp(client == null ? null : client.remoteAddress());
        String scheme = head.scheme() == null ? "http" : head.scheme();
        String authority = head.authority();

        // Earlier proxies' entries stay first: each hop appends itself.
        append(headers, X_FORWARDED_FOR, ip);
        headers.set(X_FORWARDED_PROTO, scheme);
        if (authority != null && !authority.isEmpty()) {
            headers.set(X_FORWARDED_HOST, authority);
        }

        StringBuilder element = new StringBuilder("for=").append(forNode(ip)).append(";proto=").append(scheme);
        if (authority != null && !authority.isEmpty()) {
            element.append(";host=").append(tokenOrQuoted(authority));
        }
        append(headers, FORWARDED, element.toString());
    }

    private static void append(HttpHeaders headers, AsciiString name, String value) {
        if (!headers.contains(name)) {
            headers.set(name, value); // the usual case, the gateway being the first proxy: nothing to join
            return;
        }
        String existing = String.join(", ", headers.getAll(name));
        headers.set(name, existing.isBlank() ? value : existing + ", " + value);
    }

    private static String clientIp(InetSocketAddress address) {
        if (address == null) {
            return "unknown";
        }
        InetAddress ip = address.getAddress();
        String text = ip == null ? address.getHostString() : ip.getHostAddress();
        int zone = text.indexOf('%');
        return zone >= 0 ? text.substring(0, zone) : text;
    }

    /** RFC 7239 §6: an IPv6 node is bracketed, and brackets and colons need a quoted string. */
    private static String forNode(String ip) {
        if (ip.indexOf(':') >= 0) {
            return "\"[" + ip + "]\"";
        }
        return tokenOrQuoted(ip);
    }

    private static String tokenOrQuoted(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!isTokenChar(value.charAt(i))) {
                return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            }
        }
        return value;
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
