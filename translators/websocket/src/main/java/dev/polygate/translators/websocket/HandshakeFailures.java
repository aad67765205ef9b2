package dev.polygate.translators.websocket;

import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/** Why a backend handshake failed, in the gateway's error vocabulary, naming the upstream but never its address. */
final class HandshakeFailures {
    private HandshakeFailures() {
    }

    static GatewayException describe(String upstream, Throwable cause) {
        if (cause instanceof BackendHandshake.Refused refused) {
            return new GatewayException(ErrorKind.UPSTREAM_PROTOCOL, "upstream '" + upstream + "' refused the WebSocket handshake"
                    + (refused.status > 0 ? " with status " + refused.status : ""), refused.getMessage(), null);
        }
        if (cause instanceof Http2BackendConnection.NoWebSocketOverHttp2 unsupported) {
            return new GatewayException(ErrorKind.UPSTREAM_PROTOCOL, "upstream '" + upstream
                    + "' does not take WebSockets over HTTP/2: " + unsupported.getMessage());
        }
        if (cause instanceof BackendConnector.TimedOut) {
            return new GatewayException(ErrorKind.UPSTREAM_TIMEOUT, "upstream '" + upstream
                    + "' did not complete the WebSocket handshake in time");
        }
        if (cause instanceof SSLException) {
            return new GatewayException(ErrorKind.UPSTREAM_PROTOCOL, "upstream '" + upstream + "' failed the TLS handshake",
                    "TLS handshake with upstream '" + upstream + "' failed", cause);
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof ConnectTimeoutException) {
            return new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "upstream '" + upstream + "' is unavailable",
                    "connecting to upstream '" + upstream + "' failed", cause);
        }
        return new GatewayException(ErrorKind.UPSTREAM_PROTOCOL, "upstream '" + upstream + "' failed the WebSocket handshake",
                "WebSocket handshake with upstream '" + upstream + "' failed", cause);
    }
}
