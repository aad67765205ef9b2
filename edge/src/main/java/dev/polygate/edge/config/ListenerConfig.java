package dev.polygate.edge.config;

import java.util.List;

/**
 * One listening socket.
 *
 * @param tls   null for a cleartext listener (HTTP/1.1 and h2c)
 * @param http2 offer HTTP/2 (ALPN h2 with TLS, h2c without)
 * @param webSocketOverHttp2 advertise {@code SETTINGS_ENABLE_CONNECT_PROTOCOL} on HTTP/2 and take WebSocket
 *                           handshakes by extended CONNECT (RFC 8441); without it {@code :protocol} is refused
 * @param proxyProtocol every connection starts with a PROXY protocol header (v1 or v2, before TLS) naming the
 *                      client's address; a connection without a valid one is closed
 * @param policies the listener's policies, run for its requests after the global ones and before routing; unlike
 *                 the rest of a listener, a reload applies them
 */
public record ListenerConfig(String name, String address, int port, TlsConfig tls, boolean http2,
                             boolean webSocketOverHttp2, boolean proxyProtocol,
                             List<RouteConfig.PolicyEntry> policies) {

    public ListenerConfig {
        policies = List.copyOf(policies);
    }

    /** The same listener without policies: what a reload cannot change without a restart. */
    public ListenerConfig socket() {
        return new ListenerConfig(name, address, port, tls, http2, webSocketOverHttp2, proxyProtocol, List.of());
    }
}
