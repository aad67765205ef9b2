package dev.polygate.translators.model.websocket;

import com.google.protobuf.Message;
import dev.polygate.translators.model.call.CallListener;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.function.Supplier;

/**
 * The listener of a call on a JSON session: response messages, as bytes or as messages, become their JSON for
 * {@link #answer}; the backend's headers are not passed on (a WebSocket has no place for them).
 */
abstract class JsonCallListener implements CallListener {
    private final JsonMessages json;

    JsonCallListener(JsonMessages json) {
        this.json = json;
    }

    /** Renders and sends (or keeps) one response; a rendering failure is a {@link dev.polygate.spi.GatewayException}. */
    abstract void answer(Supplier<byte[]> rendering);

    @Override
    public void onHeaders(HttpHeaders headers) {
    }

    @Override
    public void onMessage(ByteBuf message) {
        byte[] bytes = JsonMessages.bytes(message);
        answer(() -> json.response(bytes));
    }

    @Override
    public void onMessage(Message message) {
        answer(() -> json.response(message));
    }
}
