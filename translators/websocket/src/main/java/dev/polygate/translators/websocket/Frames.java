package dev.polygate.translators.websocket;

import dev.polygate.spi.websocket.WebSocketCloseCodes;
import dev.polygate.spi.websocket.WebSocketFrame;
import dev.polygate.spi.websocket.WebSocketFrameType;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/** Frames between the SPI's form and Netty's codec; the payload changes hands, never copied. */
final class Frames {
    private Frames() {
    }

    static io.netty.handler.codec.http.websocketx.WebSocketFrame toNetty(WebSocketFrame frame) {
        return switch (frame.type()) {
            case TEXT -> new TextWebSocketFrame(frame.fin(), 0, frame.payload());
            case BINARY -> new BinaryWebSocketFrame(frame.fin(), 0, frame.payload());
            case CONTINUATION -> new ContinuationWebSocketFrame(frame.fin(), 0, frame.payload());
            case PING -> new PingWebSocketFrame(frame.payload());
            case PONG -> new PongWebSocketFrame(frame.payload());
        };
    }

    /** @return null for a Close frame, which travels as a close, not a frame */
    static WebSocketFrame fromNetty(io.netty.handler.codec.http.websocketx.WebSocketFrame frame) {
        WebSocketFrameType type;
        if (frame instanceof TextWebSocketFrame) {
            type = WebSocketFrameType.TEXT;
        } else if (frame instanceof BinaryWebSocketFrame) {
            type = WebSocketFrameType.BINARY;
        } else if (frame instanceof ContinuationWebSocketFrame) {
            type = WebSocketFrameType.CONTINUATION;
        } else if (frame instanceof PingWebSocketFrame) {
            type = WebSocketFrameType.PING;
        } else if (frame instanceof PongWebSocketFrame) {
            type = WebSocketFrameType.PONG;
        } else {
            return null;
        }
        return new WebSocketFrame(type, frame.isFinalFragment(), frame.content());
    }

    /** A Close frame with this code ({@link WebSocketCloseCodes#NO_STATUS}: none) and reason. */
    static CloseWebSocketFrame close(int code, String reason) {
        if (code == WebSocketCloseCodes.NO_STATUS) {
            return new CloseWebSocketFrame(true, 0, Unpooled.EMPTY_BUFFER);
        }
        return new CloseWebSocketFrame(WebSocketCloseCodes.isSendable(code) ? code : WebSocketCloseCodes.NORMAL,
                reason == null ? "" : reason);
    }

    /** The code of a received Close frame, {@link WebSocketCloseCodes#NO_STATUS} when it has none. */
    static int codeOf(CloseWebSocketFrame close) {
        return close.statusCode() < 0 ? WebSocketCloseCodes.NO_STATUS : close.statusCode();
    }

    static String reasonOf(CloseWebSocketFrame close) {
        return close.statusCode() < 0 ? "" : close.reasonText();
    }
}
