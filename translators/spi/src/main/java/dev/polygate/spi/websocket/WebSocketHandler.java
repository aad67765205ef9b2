package dev.polygate.spi.websocket;

/**
 * What a translator does with what the client sends. Called on the exchange's executor; exactly one of
 * {@link #onClose} and {@link #onError} ends the calls.
 */
public interface WebSocketHandler {
    /**
     * A frame from the client: data (possibly a fragment) or a ping or pong. The handler owns the frame and
     * releases or passes it on. A ping must be answered, by passing it to a peer that answers, or with a pong
     * carrying the same payload.
     */
    void onFrame(WebSocketFrame frame);

    /**
     * The client sent Close. The handler ends its side (a backend session, a call) and answers with
     * {@link WebSocketSession#close}, usually with the same code; the gateway answers by itself with the client's
     * code if that does not happen within a few seconds.
     *
     * @param code   the client's code, {@link WebSocketCloseCodes#NO_STATUS} when its Close had none
     * @param reason the client's reason, possibly empty
     */
    void onClose(int code, String reason);

    /**
     * The session ended without a close handshake left to finish: the connection dropped
     * ({@link WebSocketCloseCodes#ABNORMAL}), or the gateway failed it and told the client why (1002, 1007, 1009,
     * or 1001 for an idle session or a shutdown). Nothing can be sent any more; the handler releases its side.
     *
     * @param code   why the session ended
     * @param reason a short text for logs
     */
    void onError(int code, String reason);
}
