package dev.polygate.translators.http;

import java.net.InetSocketAddress;
import java.net.URI;

/**
 * One backend address of an upstream.
 *
 * @param host      the host name or IP literal, IPv6 without brackets
 * @param authority {@code host:port} as it appears in a Host header and in the access log; derived from the
 *                  others once, since every request sent to the endpoint uses it
 */
record Endpoint(Scheme scheme, String host, int port, String authority) {

    Endpoint(Scheme scheme, String host, int port) {
        this(scheme, host, port, (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port);
    }

    /** @throws IllegalArgumentException with a message fit for a config error */
    static Endpoint of(URI uri) {
        Scheme scheme = Scheme.of(uri.getScheme());
        if (scheme == null) {
            throw new IllegalArgumentException("endpoint '" + uri + "' has an unsupported scheme; use http://, h2c:// or https://");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("endpoint '" + uri + "' has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() < 0 ? scheme.defaultPort() : uri.getPort();
        return new Endpoint(scheme, host, port);
    }

    /** Left unresolved so that the event loop's non-blocking resolver looks the name up at connect time. */
    InetSocketAddress address() {
        return InetSocketAddress.createUnresolved(host, port);
    }

    @Override
    public String toString() {
        return authority();
    }
}
