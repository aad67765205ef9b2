package dev.polygate.translators.model.websocket;

import dev.polygate.spi.GatewayException;
import dev.polygate.spi.websocket.WebSocketFrame;
import dev.polygate.spi.websocket.WebSocketHandler;
import dev.polygate.spi.websocket.WebSocketSession;
import dev.polygate.translators.model.wire.GrpcException;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A streaming method over a JSON WebSocket: the session is one call. Server streaming: the first text message is
 * the request (an empty one: the request from the path and query alone) and the client's side is then closed;
 * client and bidirectional streaming: the call opens with the session, each text message is one request message,
 * and an empty text message half-closes. Each response message is one text message; the end is the server's Close
 * with 1000, or, when the call fails, a last {@code {"error": status}} message and a Close with the status's code.
 * A message that is not JSON, or not the request's shape, ends the call with INVALID_ARGUMENT. The client's frames
 * are not read while the backend takes no more; the backend's answer is not read while the client does not read.
 */
final class StreamJsonSession extends JsonCallListener implements WebSocketHandler {
    private final WebSocketSession session;
    private final SessionCalls calls;
    private final JsonMessages json;
    private final MessageAssembler assembler;
    private final boolean clientStreaming;
    private SessionCalls.OpenCall open;
    private boolean halfClosed;
    private boolean finished;

    StreamJsonSession(WebSocketSession session, SessionCalls calls, JsonMessages json, int maxMessageBytes) {
        super(json);
        this.session = session;
        this.calls = calls;
        this.json = json;
        this.assembler = new MessageAssembler(maxMessageBytes);
        this.clientStreaming = calls.method().isClientStreaming();
    }

    /** Opens the call at once when the client streams: a bidirectional backend may speak first. */
    StreamJsonSession start() {
        if (clientStreaming) {
            openCall();
        }
        return this;
    }

    private void openCall() {
        open = calls.open(this, () -> fail(new GrpcStatus(GrpcStatusCode.DEADLINE_EXCEEDED,
                "deadline exceeded at the gateway", null)));
        open.call.onReady(() -> {
            if (!finished) {
                session.resume();
            }
        });
    }

    @Override
    public void onFrame(WebSocketFrame frame) {
        if (FrameControl.answeredControl(frame, session)) {
            return;
        }
        if (finished) {
            frame.release();
            return;
        }
        MessageAssembler.Whole whole;
        try {
            whole = assembler.add(frame);
        } catch (GrpcException e) {
            fail(e.status());
            return;
        }
        if (whole != null) {
            String text = whole.text() ? whole.payload().toString(StandardCharsets.UTF_8) : null;
            whole.payload().release();
            if (text == null) {
                fail(FrameControl.binaryRefused());
            } else {
                onMessage(text);
            }
        }
    }

    private void onMessage(String text) {
        if (halfClosed) {
            if (!text.isEmpty()) {
                fail(new GrpcStatus(GrpcStatusCode.INVALID_ARGUMENT, clientStreaming
                        ? "a message after the empty message that ended the client's side"
                        : "a server-streaming call takes one request message", null));
            }
            return;
        }
        if (clientStreaming && text.isEmpty()) {
            halfClosed = true;
            open.call.halfClose();
            return;
        }
        try {
            var request = json.request(text);
            if (!clientStreaming) {
                openCall();
            }
            if (finished) {
                return;
            }
            open.call.sendMessage(request);
        } catch (GatewayException e) {
            fail(GrpcStatus.of(e));
            return;
        }
        if (!clientStreaming) {
            halfClosed = true;
            open.call.halfClose();
        } else if (!finished && !open.call.isReady()) {
            session.pause();
        }
    }

    @Override
    void answer(Supplier<byte[]> rendering) {
        if (finished) {
            return;
        }
        try {
            session.send(WebSocketFrame.text(Unpooled.wrappedBuffer(rendering.get())));
        } catch (GatewayException e) {
            fail(GrpcStatus.of(e));
        }
    }

    @Override
    public void onClose(GrpcStatus status, HttpHeaders trailers) {
        if (!finished) {
            finished = true;
            if (open != null) {
                open.end();
            }
            closeWith(status);
        }
    }

    /** The gateway ends the call: the backend is told, the client gets the error and the close. */
    private void fail(GrpcStatus status) {
        if (!finished) {
            finished = true;
            assembler.release();
            if (open != null) {
                open.cancel();
            }
            closeWith(status);
        }
    }

    private void closeWith(GrpcStatus status) {
        if (!status.isOk()) {
            session.send(WebSocketFrame.text(Unpooled.wrappedBuffer(json.error(status))));
        }
        session.close(StatusCloseCodes.of(status.code()), status.isOk() ? "" : StatusCloseCodes.reason(status));
    }

    @Override
    public void onClose(int code, String reason) {
        clientGone();
        session.close(code, "");
    }

    @Override
    public void onError(int code, String reason) {
        clientGone();
    }

    /** The client left or closed: the call is cancelled, nobody is answered. */
    private void clientGone() {
        assembler.release();
        if (!finished) {
            finished = true;
            if (open != null) {
                open.cancel();
            }
        }
    }
}
