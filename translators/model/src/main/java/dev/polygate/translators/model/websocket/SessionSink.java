package dev.polygate.translators.model.websocket;

import dev.polygate.spi.GatewayException;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.ResponseSink;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * The response sink a backend connector sees for a call made on a WebSocket session's behalf. Connectors only
 * ask it about writability (answers go through the call's listener), which is the session's: a client that
 * stops reading stops the reading of the backend's answer.
 */
final class SessionSink implements ResponseSink {
    private final SessionWritability writability;

    SessionSink(SessionWritability writability) {
        this.writability = writability;
    }

    @Override
    public void sendHead(ResponseHead head) {
        throw answersGoThroughTheListener();
    }

    @Override
    public void sendData(ByteBuf chunk) {
        chunk.release();
        throw answersGoThroughTheListener();
    }

    @Override
    public void sendEnd(HttpHeaders trailers) {
        throw answersGoThroughTheListener();
    }

    /** A connector that writes here broke the MessageCall contract: its answers belong to the call's listener. */
    private static IllegalStateException answersGoThroughTheListener() {
        return new IllegalStateException("a connector wrote to a WebSocket call's sink; answers go through the call's listener");
    }

    @Override
    public void sendError(GatewayException error) {
        // the call's listener hears of the failure; the session answers the client
    }

    @Override
    public boolean isWritable() {
        return writability.isWritable();
    }

    @Override
    public void onWritabilityChanged(Runnable listener) {
        writability.listen(this, listener);
    }

    @Override
    public boolean isHeadSent() {
        return true;
    }

    @Override
    public boolean isDone() {
        return false;
    }

    /** The call ended: its listener is dropped. */
    void detach() {
        writability.forget(this);
    }
}
