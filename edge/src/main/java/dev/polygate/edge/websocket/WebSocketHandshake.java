package dev.polygate.edge.websocket;

import dev.polygate.edge.exchange.DownstreamExchange;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.ResponseHead;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Recognises a WebSocket handshake among requests (HTTP/1.1 {@code Upgrade: websocket}, HTTP/2 extended CONNECT)
 * before the hop-by-hop headers that carry it are stripped, and checks its form (RFC 6455 section 4.2.1,
 * RFC 8441 section 5). A malformed handshake is answered here: 400, or 426 with {@code Sec-WebSocket-Version: 13}
 * for another version.
 */
public final class WebSocketHandshake {
    private static final String VERSION = "13";

    private final Channel channel;
    private final boolean http2;
    private final String refusal;
    private final boolean wrongVersion;
    private final String key;
    private final String origin;
    private final String extensions;

    private WebSocketHandshake(Channel channel, boolean http2, String refusal, boolean wrongVersion, String key,
                               String origin, String extensions) {
        this.channel = channel;
        this.http2 = http2;
        this.refusal = refusal;
        this.wrongVersion = wrongVersion;
        this.key = key;
        this.origin = origin;
        this.extensions = extensions;
    }

    /**
     * Reads the handshake of {@code request}, to be called before the request's head is read. On HTTP/2 an
     * extended CONNECT's target becomes its {@code :path}.
     *
     * @return null when the request is no WebSocket handshake
     */
    public static WebSocketHandshake read(Channel channel, HttpRequest request, boolean http2) {
        HttpHeaders headers = request.headers();
        String refusal = null;
        if (http2) {
            ExtendedConnectReader.ExtendedConnect connect = ExtendedConnectReader.of(channel);
            if (connect == null) {
                return null;
            }
            request.setUri(connect.path());
            if (!connect.protocol().equalsIgnoreCase("websocket")) {
                refusal = "extended CONNECT for protocol '" + connect.protocol() + "'; only websocket is served";
            }
        } else {
            if (!hasToken(headers.getAll(HttpHeaderNames.UPGRADE), "websocket")) {
                return null;
            }
            if (!HttpMethod.GET.equals(request.method())) {
                refusal = "a WebSocket handshake must be a GET request";
            } else if (!request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
                refusal = "a WebSocket handshake needs HTTP/1.1";
            } else if (!hasToken(headers.getAll(HttpHeaderNames.CONNECTION), "upgrade")) {
                refusal = "a WebSocket handshake needs 'Connection: Upgrade'";
            } else if (!validKey(headers.get(HttpHeaderNames.SEC_WEBSOCKET_KEY))) {
                refusal = "Sec-WebSocket-Key is missing or is not 16 bytes in base64";
            }
        }
        String version = headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
        boolean wrongVersion = refusal == null && (version == null ? !http2 : !VERSION.equals(version.trim()));
        if (wrongVersion) {
            refusal = "Sec-WebSocket-Version " + (version == null ? "is missing" : "'" + version + "' is not supported")
                    + "; this server speaks version 13";
        }
        return new WebSocketHandshake(channel, http2, refusal, wrongVersion,
                headers.get(HttpHeaderNames.SEC_WEBSOCKET_KEY), headers.get(HttpHeaderNames.ORIGIN), String.join(",", headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS)));
    }

    /**
     * Offers the session on {@code exchange}, or answers a malformed handshake.
     *
     * @return false when the handshake was refused and the exchange is over
     */
    public boolean attach(DownstreamExchange exchange) {
        if (refusal == null) {
            exchange.webSocket(new EdgeWebSocketUpgrade(channel, exchange, http2, key, origin, extensions));
            return true;
        }
        if (!wrongVersion) {
            exchange.response().sendError(new GatewayException(ErrorKind.BAD_REQUEST, refusal));
            return false;
        }
        int status = http2 ? 400 : 426;
        HttpHeaders headers = new DefaultHttpHeaders()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, VERSION)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        String json = "{\"type\":\"about:blank\",\"title\":\"" + (http2 ? "Bad Request" : "Upgrade Required")
                + "\",\"status\":" + status + ",\"code\":\"BAD_REQUEST\",\"detail\":\"" + refusal.replace("'", "\\u0027")
                .replace("\"", "\\\"") + "\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        exchange.error(new GatewayException(ErrorKind.BAD_REQUEST, refusal));
        exchange.response().sendHead(new ResponseHead(status, headers));
        exchange.response().sendData(Unpooled.wrappedBuffer(body));
        exchange.response().sendEnd(EmptyHttpHeaders.INSTANCE);
        return false;
    }

    private static boolean validKey(String key) {
        if (key == null) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key.trim()).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean hasToken(List<String> values, String token) {
        for (String value : values) {
            for (String part : value.split(",")) {
                if (part.trim().toLowerCase(Locale.ROOT).equals(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The subprotocols {@code headers} offer ({@code Sec-WebSocket-Protocol}, any number of lines), in order. */
    static List<String> subprotocolOffers(HttpHeaders headers) {
        List<String> tokens = new ArrayList<>();
        for (String value : headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    tokens.add(part.trim());
                }
            }
        }
        return List.copyOf(tokens);
    }
}
