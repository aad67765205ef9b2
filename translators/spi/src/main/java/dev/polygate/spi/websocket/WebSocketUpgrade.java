package dev.polygate.spi.websocket;

import java.util.List;
import java.util.function.Function;

/**
 * A client's request to open a WebSocket session, offered by {@link dev.polygate.spi.Exchange#webSocket()}. The
 * gateway has already checked the handshake's form; the request's headers (with {@code Origin},
 * {@code Sec-WebSocket-Protocol}, cookies, ...) are the exchange's {@link dev.polygate.spi.Exchange#request()}.
 *
 * <p>A translator refuses the session with an ordinary error or response on the exchange's response sink, or
 * accepts it once with {@link #accept}. Both happen on the exchange's executor.
 */
public interface WebSocketUpgrade {
    /** The subprotocols the client offers ({@code Sec-WebSocket-Protocol}), in its order of preference. */
    List<String> subprotocols();

    /** The client's {@code Origin}, or null when it sent none (non-browser clients). */
    String origin();

    /** {@code HTTP/1.1} (RFC 6455 upgrade) or {@code HTTP/2} (RFC 8441 extended CONNECT). */
    String transport();

    /**
     * Completes the handshake with the client ({@code 101}, or {@code 200} on HTTP/2) and starts the session.
     * {@code handlerFactory} is called once, before this method returns, with the session towards the client; the
     * handler it returns receives what the client sends. When the exchange is already over (the client left, the
     * gateway's handshake timeout struck) nothing is called: the exchange's cancel actions have run or will run.
     *
     * @throws IllegalStateException when called twice, or after a response was sent
     */
    void accept(AcceptedHandshake handshake, Function<WebSocketSession, WebSocketHandler> handlerFactory);
}
