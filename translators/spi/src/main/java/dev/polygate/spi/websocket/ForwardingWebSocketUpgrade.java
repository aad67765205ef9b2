package dev.polygate.spi.websocket;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A handshake that forwards every call to another; policies override what they change, such as {@link #accept} to
 * learn when the session ends (a concurrency limit holds its permit for the session's life). The gateway finds the
 * handshake it made by following {@link #delegate()}.
 */
public class ForwardingWebSocketUpgrade implements WebSocketUpgrade {
    private final WebSocketUpgrade delegate;

    public ForwardingWebSocketUpgrade(WebSocketUpgrade delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The handshake this one forwards to. */
    public final WebSocketUpgrade delegate() {
        return delegate;
    }

    /** The innermost handshake under any number of forwarding ones. */
    public static WebSocketUpgrade unwrap(WebSocketUpgrade upgrade) {
        WebSocketUpgrade inner = upgrade;
        while (inner instanceof ForwardingWebSocketUpgrade forwarding) {
            inner = forwarding.delegate();
        }
        return inner;
    }

    @Override
    public List<String> subprotocols() {
        return delegate.subprotocols();
    }

    @Override
    public String origin() {
        return delegate.origin();
    }

    @Override
    public String transport() {
        return delegate.transport();
    }

    @Override
    public void accept(AcceptedHandshake handshake, Function<WebSocketSession, WebSocketHandler> handlerFactory) {
        delegate.accept(handshake, handlerFactory);
    }
}
