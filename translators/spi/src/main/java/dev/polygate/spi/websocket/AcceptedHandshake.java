package dev.polygate.spi.websocket;

import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Objects;

/**
 * What a translator answers to a WebSocket handshake it accepts. The gateway adds what the protocol needs
 * ({@code Sec-WebSocket-Accept}, {@code Upgrade}, the negotiated {@code Sec-WebSocket-Extensions}).
 *
 * @param subprotocol one of the client's {@link WebSocketUpgrade#subprotocols()}, or null for none
 * @param headers     further response headers (such as a backend's {@code Set-Cookie}); hop-by-hop and
 *                    {@code Sec-WebSocket-*} headers among them are ignored
 */
public record AcceptedHandshake(String subprotocol, HttpHeaders headers) {

    public AcceptedHandshake {
        Objects.requireNonNull(headers, "headers");
    }

    /** Accepts with this subprotocol (null for none) and no further headers. */
    public static AcceptedHandshake of(String subprotocol) {
        return new AcceptedHandshake(subprotocol, EmptyHttpHeaders.INSTANCE);
    }
}
