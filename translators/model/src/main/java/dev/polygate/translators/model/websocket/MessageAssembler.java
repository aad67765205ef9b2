package dev.polygate.translators.model.websocket;

import dev.polygate.spi.websocket.WebSocketFrame;
import dev.polygate.spi.websocket.WebSocketFrameType;
import dev.polygate.translators.model.wire.GrpcException;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * Joins the fragments of one WebSocket message (a TEXT or BINARY frame without fin, then CONTINUATION frames)
 * into one buffer, up to a size limit. The gateway already enforces the route's message limit; this one is the
 * operation's, so a route with a larger WebSocket limit still cannot feed a call more than it takes.
 */
final class MessageAssembler {
    /** One whole message; the caller owns {@code payload}. */
    record Whole(boolean text, ByteBuf payload) {
    }

    private final int maxBytes;
    private CompositeByteBuf parts;
    private boolean text;
    private boolean skipping;

    MessageAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Takes a data frame (its payload is taken over) and returns the message it completes, or null.
     *
     * @throws GrpcException RESOURCE_EXHAUSTED when the message grows past the limit; the rest of it is skipped
     */
    Whole add(WebSocketFrame frame) {
        ByteBuf payload = frame.payload();
        if (frame.type() != WebSocketFrameType.CONTINUATION) {
            release();
            skipping = false;
            text = frame.type() == WebSocketFrameType.TEXT;
            if (frame.fin()) {
                return checked(payload);
            }
            parts = ByteBufAllocator.DEFAULT.compositeBuffer(16);
        }
        if (skipping || parts == null) {
            payload.release();
            return null;
        }
        parts.addComponent(true, payload);
        if (parts.readableBytes() > maxBytes) {
            release();
            skipping = !frame.fin();
            throw tooBig();
        }
        if (!frame.fin()) {
            return null;
        }
        ByteBuf whole = parts;
        parts = null;
        return new Whole(text, whole);
    }

    private Whole checked(ByteBuf payload) {
        if (payload.readableBytes() > maxBytes) {
            payload.release();
            throw tooBig();
        }
        return new Whole(text, payload);
    }

    private GrpcException tooBig() {
        return new GrpcException(GrpcStatusCode.RESOURCE_EXHAUSTED, "a message is larger than " + maxBytes + " bytes");
    }

    /** Drops a message in progress. */
    void release() {
        if (parts != null) {
            parts.release();
            parts = null;
        }
    }
}
