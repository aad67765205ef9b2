package dev.polygate.translators.websocket;

import dev.polygate.spi.websocket.WebSocketCloseCodes;
import io.netty.channel.Channel;

/**
 * How a client is told that its backend session ended without a Close: 1011 when the connection or stream was lost,
 * 1001 when an HTTP/2 backend had announced a graceful shutdown (GOAWAY with NO_ERROR) before.
 */
final class BackendLoss {
    private BackendLoss() {
    }

    static int code(Channel backend) {
        return Http2BackendConnection.wentAwayGracefully(backend) ? WebSocketCloseCodes.GOING_AWAY
                : WebSocketCloseCodes.INTERNAL_ERROR;
    }

    static String reason(Channel backend) {
        return Http2BackendConnection.wentAwayGracefully(backend) ? "the backend is going away"
                : "the backend connection was lost";
    }
}
