package dev.polygate.translators.model.websocket;

import dev.polygate.spi.websocket.WebSocketFrame;
import dev.polygate.spi.websocket.WebSocketFrameType;
import dev.polygate.spi.websocket.WebSocketSession;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcStatusCode;

/** What every call session does with control frames, and the refusal of binary messages on the JSON framing. */
final class FrameControl {
    private FrameControl() {
    }

    /** Answers a ping with a pong and drops a pong; true when {@code frame} was one of them (and is consumed). */
    static boolean answeredControl(WebSocketFrame frame, WebSocketSession session) {
        if (frame.type() == WebSocketFrameType.PING) {
            session.send(new WebSocketFrame(WebSocketFrameType.PONG, true, frame.payload()));
            return true;
        }
        if (frame.type() == WebSocketFrameType.PONG) {
            frame.release();
            return true;
        }
        return false;
    }

    static GrpcStatus binaryRefused() {
        return new GrpcStatus(GrpcStatusCode.INVALID_ARGUMENT,
                "the JSON framing takes text messages; binary messages need the grpc-websockets subprotocol", null);
    }
}
