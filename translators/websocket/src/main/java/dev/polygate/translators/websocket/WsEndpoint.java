package dev.polygate.translators.websocket;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;

/**
 * One backend address: {@code ws://} or {@code http://} in the clear, {@code wss://} or {@code https://} over TLS.
 *
 * @param host      host name or IP literal, IPv6 without brackets
 * @param authority {@code host:port} as in a Host header
 */
record WsEndpoint(boolean secure, String host, int port, String authority) {

    /** @throws IllegalArgumentException with a message fit for a config error */
    static WsEndpoint of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean secure;
        switch (scheme) {
            case "ws", "http" -> secure = false;
            case "wss", "https" -> secure = true;
            default -> throw new IllegalArgumentException("endpoint '" + uri
                    + "' has an unsupported scheme; the websocket translator takes ws://, wss://, http:// or https://");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("endpoint '" + uri + "' has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() < 0 ? secure ? 443 : 80 : uri.getPort();
        return new WsEndpoint(secure, host, port, (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port);
    }

    /** Left unresolved: the event loop's non-blocking resolver looks the name up at connect time. */
    InetSocketAddress address() {
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** The URI of the backend's WebSocket at {@code pathAndQuery}. */
    URI uri(String pathAndQuery) {
        return URI.create((secure ? "wss://" : "ws://") + authority + pathAndQuery);
    }

    @Override
    public String toString() {
        return authority;
    }
}
