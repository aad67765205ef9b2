package dev.polygate.spi.websocket;

/**
 * The accepted session, seen from the translator: how it sends to the client and steers reading from it. Every
 * method is called on the exchange's executor.
 */
public interface WebSocketSession {
    /**
     * Sends one frame to the client; ownership of the payload passes to the session. Frames sent after
     * {@link #close} or after the session ended are released and dropped. Writes are flushed once per
     * event-loop task.
     */
    void send(WebSocketFrame frame);

    /**
     * Sends a Close frame with this code and reason (a reason over 123 bytes is cut), once; later calls are
     * ignored. If the client's Close already arrived this completes the close handshake and ends the session;
     * otherwise the session waits a little for the client's Close (reported by {@link WebSocketHandler#onClose})
     * and then drops the connection. Code {@link WebSocketCloseCodes#NO_STATUS} sends a Close without a code; a code
     * that may not be sent becomes 1000.
     */
    void close(int code, String reason);

    /** True while the client can take more without queueing in the gateway's memory. */
    boolean isWritable();

    /** Called whenever {@link #isWritable()} changes. Replaces any earlier listener. */
    void onWritabilityChanged(Runnable listener);

    /** Stops reading frames from the client (backpressure) until {@link #resume()}. */
    void pause();

    /** Reads frames from the client again. */
    void resume();

    /** True until the session ended; false also once a Close was sent. */
    boolean isOpen();

    /** The subprotocol agreed with the client, or null. */
    String subprotocol();
}
