package dev.polygate.edge.config;

/**
 * One listening socket.
 *
 * @param tls   null for a cleartext listener (HTTP/1.1 and h2c)
 * @param http2 offer HTTP/2 (ALPN h2 with TLS, h2c without)
 * @param webSocketOverHttp2 advertise {@code SETTINGS_ENABLE_CONNECT_PROTOCOL} on HTTP/2 and take WebSocket
 *                           handshakes by extended CONNECT (RFC 8441); without it {@code :protocol} is refused
 */
public record ListenerConfig(String name, String address, int port, TlsConfig tls, boolean http2,
                             boolean webSocketOverHttp2) {
}
