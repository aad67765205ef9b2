package dev.polygate.policies.ratelimit.concurrency;

import dev.polygate.spi.websocket.AcceptedHandshake;
import dev.polygate.spi.websocket.ForwardingWebSocketUpgrade;
import dev.polygate.spi.websocket.WebSocketFrame;
import dev.polygate.spi.websocket.WebSocketHandler;
import dev.polygate.spi.websocket.WebSocketSession;
import dev.polygate.spi.websocket.WebSocketUpgrade;
import java.util.function.Function;

/**
 * A WebSocket handshake whose session holds the permit: an accepted session's exchange ends when the session does,
 * which its handler learns exactly once, by {@code onClose} or {@code onError}.
 */
final class ReleasingUpgrade extends ForwardingWebSocketUpgrade {
    private final Permit permit;

    ReleasingUpgrade(WebSocketUpgrade delegate, Permit permit) {
        super(delegate);
        this.permit = permit;
    }

    @Override
    public void accept(AcceptedHandshake handshake, Function<WebSocketSession, WebSocketHandler> handlerFactory) {
        super.accept(handshake, session -> new Handler(handlerFactory.apply(session), permit));
    }

    private static final class Handler implements WebSocketHandler {
        private final WebSocketHandler delegate;
        private final Permit permit;

        Handler(WebSocketHandler delegate, Permit permit) {
            this.delegate = delegate;
            this.permit = permit;
        }

        @Override
        public void onFrame(WebSocketFrame frame) {
            delegate.onFrame(frame);
        }

        @Override
        public void onClose(int code, String reason) {
            try {
                delegate.onClose(code, reason);
            } finally {
                permit.release();
            }
        }

        @Override
        public void onError(int code, String reason) {
            try {
                delegate.onError(code, reason);
            } finally {
                permit.release();
            }
        }
    }
}
