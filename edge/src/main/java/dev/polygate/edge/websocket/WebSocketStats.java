package dev.polygate.edge.websocket;

/** What the access log tells of a WebSocket session. Touched only on the session's event loop. */
public final class WebSocketStats {
    private long framesIn;
    private long framesOut;
    private long bytesIn;
    private long bytesOut;
    private int closeCode;
    private boolean accepted;

    void received(long payloadBytes) {
        framesIn++;
        bytesIn += payloadBytes;
    }

    void sent(long payloadBytes) {
        framesOut++;
        bytesOut += payloadBytes;
    }

    /** The first close code of the session (sent or received) is the one that says why it ended. */
    void closeCode(int code) {
        if (closeCode == 0) {
            closeCode = code;
        }
    }

    void accepted() {
        accepted = true;
    }

    /** True once the handshake was accepted and the session began. */
    public boolean isAccepted() {
        return accepted;
    }

    /** Frames from the client, control frames included. */
    public long framesIn() {
        return framesIn;
    }

    /** Frames to the client, control frames included: pongs, the gateway's keep-alive pings and its Close. */
    public long framesOut() {
        return framesOut;
    }

    /** Payload bytes from the client (control frames included), after decompression. */
    public long bytesIn() {
        return bytesIn;
    }

    /** Payload bytes to the client (Close and keep-alive pings included), before compression. */
    public long bytesOut() {
        return bytesOut;
    }

    /** The close code that ended the session, 1006 when it ended without any. */
    public int closeCode() {
        return closeCode == 0 ? 1006 : closeCode;
    }
}
