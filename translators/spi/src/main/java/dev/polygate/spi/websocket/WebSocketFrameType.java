package dev.polygate.spi.websocket;

/** The kinds of frame a translator sends and receives. Close frames are not frames here: see {@link WebSocketSession#close}. */
public enum WebSocketFrameType {
    /** The first frame of a text message (UTF-8, checked by the gateway for frames from the client). */
    TEXT,
    /** The first frame of a binary message. */
    BINARY,
    /** A later frame of a fragmented message. */
    CONTINUATION,
    /** A ping: the receiver answers with a pong carrying the same payload (at most 125 bytes). */
    PING,
    /** A pong, answering a ping or unsolicited (a heartbeat). */
    PONG;

    /** True for ping and pong, which may come between the fragments of a message. */
    public boolean isControl() {
        return this == PING || this == PONG;
    }
}
