package dev.polygate.translators.model.websocket;

import dev.polygate.spi.websocket.WebSocketSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares the one writability listener a {@link WebSocketSession} has between the session's handler and every
 * call open on it (a unary session may have several), so a client that stops reading slows every backend down.
 */
final class SessionWritability {
    private final WebSocketSession session;
    private final Map<Object, Runnable> listeners = new LinkedHashMap<>();

    SessionWritability(WebSocketSession session) {
        this.session = session;
        session.onWritabilityChanged(this::changed);
    }

    boolean isWritable() {
        return session.isWritable();
    }

    /** Sets the listener of {@code owner}, replacing its earlier one. */
    void listen(Object owner, Runnable listener) {
        listeners.put(owner, listener);
    }

    void forget(Object owner) {
        listeners.remove(owner);
    }

    private void changed() {
        List<Runnable> now = new ArrayList<>(listeners.values());
        now.forEach(Runnable::run);
    }
}
