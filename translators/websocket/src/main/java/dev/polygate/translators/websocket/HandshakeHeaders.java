package dev.polygate.translators.websocket;

import dev.polygate.spi.ClientInfo;
import dev.polygate.spi.RequestHead;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;

/**
 * The headers of the handshake sent to the backend: the client's end-to-end headers (the edge has removed the
 * hop-by-hop ones), without the client's own {@code Sec-WebSocket-*} (the backend handshake has its own key, offers
 * the client's subprotocols and no extension), with {@code X-Forwarded-For/Proto/Host} and {@code Forwarded} as the
 * http translator adds them, and {@code Host} naming the upstream unless the route says otherwise.
 */
final class HandshakeHeaders {
    private HandshakeHeaders() {
    }

    static HttpHeaders build(RequestHead head, ClientInfo client, WsEndpoint endpoint, String hostHeader) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (Map.Entry<String, String> header : head.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith("sec-websocket-") && !name.equals("host") && !name.equals("content-length")) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        String ip = clientIp(client);
        String scheme = head.scheme() == null ? "http" : head.scheme();
        String forwardedFor = headers.get("x-forwarded-for");
        headers.set("x-forwarded-for", forwardedFor == null || forwardedFor.isBlank() ? ip : forwardedFor + ", " + ip);
        headers.set("x-forwarded-proto", scheme);
        StringBuilder forwarded = new StringBuilder("for=")
                .append(ip.indexOf(':') >= 0 ? "\"[" + ip + "]\"" : ip).append(";proto=").append(scheme);
        if (head.authority() != null && !head.authority().isEmpty()) {
            headers.set("x-forwarded-host", head.authority());
            forwarded.append(";host=\"").append(head.authority().replace("\"", "")).append('"');
        }
        String earlier = headers.get("forwarded");
        headers.set("forwarded", earlier == null || earlier.isBlank() ? forwarded.toString() : earlier + ", " + forwarded);
        String host = hostHeader == null ? endpoint.authority()
                : hostHeader.equals("keep") && head.authority() != null && !head.authority().isEmpty() ? head.authority()
                : hostHeader.equals("keep") ? endpoint.authority() : hostHeader;
        headers.set(HttpHeaderNames.HOST, host);
        return headers;
    }

    private static String clientIp(ClientInfo client) {
        if (client == null || client.remoteAddress() == null) {
            return "unknown";
        }
        InetAddress address = client.remoteAddress().getAddress();
        String text = address == null ? client.remoteAddress().getHostString() : address.getHostAddress();
        int zone = text.indexOf('%');
        return zone >= 0 ? text.substring(0, zone) : text;
    }
}
