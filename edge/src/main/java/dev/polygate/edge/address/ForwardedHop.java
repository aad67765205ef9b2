package dev.polygate.edge.address;

import java.net.InetSocketAddress;

/**
 * One hop a forwarding header names: the address a proxy received the request from (with its port when the header
 * gives one, else 0), or null when the proxy did not disclose it ({@code unknown}, an obfuscated identifier such as
 * {@code _hidden}, or a {@code Forwarded} element without {@code for}).
 */
record ForwardedHop(InetSocketAddress address) {
    static final ForwardedHop UNKNOWN = new ForwardedHop(null);

    boolean known() {
        return address != null;
    }

    /**
     * A node as both headers write it once unquoted: {@code 192.0.2.7}, {@code 192.0.2.7:443}, {@code [2001:db8::1]},
     * {@code [2001:db8::1]:443}, {@code unknown} or an obfuscated {@code _name} (with an optional {@code :_port} or
     * port); a bare IPv6 address only when {@code bareIpv6} (X-Forwarded-For writes them so). Null when malformed.
     */
    static ForwardedHop parse(String node, boolean bareIpv6) {
        if (node.equalsIgnoreCase("unknown") || isObfuscated(node, 0, node.length())) {
            return UNKNOWN;
        }
        String host = node;
        String port = null;
        if (node.startsWith("[")) {
            int close = node.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = node.substring(1, close);
            if (close + 1 < node.length()) {
                if (node.charAt(close + 1) != ':') {
                    return null;
                }
                port = node.substring(close + 2);
            }
            if (host.indexOf(':') < 0) {
                return null; // brackets are for IPv6 only
            }
        } else {
            int colon = node.indexOf(':');
            if (colon >= 0 && node.indexOf(':', colon + 1) < 0) {
                host = node.substring(0, colon);
                port = node.substring(colon + 1);
            } else if (colon >= 0 && !bareIpv6) {
                return null;
            }
        }
        byte[] bytes = IpLiterals.parse(host);
        int portNumber = port == null ? 0 : port(port);
        if (bytes == null || portNumber < 0) {
            return null;
        }
        return new ForwardedHop(new InetSocketAddress(IpLiterals.address(bytes), portNumber));
    }

    /** A port number, 0 for an obfuscated port, -1 when malformed. */
    private static int port(String text) {
        if (isObfuscated(text, 0, text.length())) {
            return 0;
        }
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int value = Integer.parseInt(text);
        return value <= 65535 ? value : -1;
    }

    /** RFC 7239 §6.3: {@code "_" 1*( ALPHA / DIGIT / "." / "_" / "-")}. */
    private static boolean isObfuscated(String text, int from, int to) {
        if (to - from < 2 || text.charAt(from) != '_') {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = text.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.'
                    || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
