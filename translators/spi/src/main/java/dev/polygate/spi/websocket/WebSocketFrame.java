package dev.polygate.spi.websocket;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * One WebSocket frame as it travels, not a reassembled message: a fragmented message is a {@code TEXT} or
 * {@code BINARY} frame without {@code fin}, then {@code CONTINUATION} frames, the last with {@code fin}.
 *
 * <p>The frame owns {@code payload}: handing the frame to {@link WebSocketSession#send} passes it on; a handler
 * given a frame by {@link WebSocketHandler#onFrame} releases it, or passes it on.
 *
 * @param type    what the frame carries
 * @param fin     true on the last (or only) frame of a message; always true for control frames
 * @param payload the unmasked, uncompressed payload
 */
public record WebSocketFrame(WebSocketFrameType type, boolean fin, ByteBuf payload) {

    public WebSocketFrame {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        if (type.isControl() && !fin) {
            throw new IllegalArgumentException("control frames cannot be fragmented");
        }
    }

    /** A whole text message in one frame. */
    public static WebSocketFrame text(ByteBuf utf8) {
        return new WebSocketFrame(WebSocketFrameType.TEXT, true, utf8);
    }

    /** A whole binary message in one frame. */
    public static WebSocketFrame binary(ByteBuf bytes) {
        return new WebSocketFrame(WebSocketFrameType.BINARY, true, bytes);
    }

    /** Releases the payload: for a holder that drops the frame. */
    public void release() {
        payload.release();
    }
}
