package dev.polygate.translators.model.websocket;

import dev.polygate.spi.GatewayException;
import dev.polygate.spi.websocket.WebSocketCloseCodes;
import dev.polygate.spi.websocket.WebSocketFrame;
import dev.polygate.spi.websocket.WebSocketHandler;
import dev.polygate.spi.websocket.WebSocketSession;
import dev.polygate.translators.model.wire.GrpcException;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * A unary method over a JSON WebSocket: each text message is one call, and the answers (a response message, or
 * {@code {"error": status}}) go back in the order of the messages, whatever order the backend answers in. A
 * failed call does not end the session. An empty text message means "no more calls": the session closes with 1000
 * once the calls in flight are answered. At most {@link #MAX_IN_FLIGHT} calls are open; past that, and while the
 * client does not read, the client's frames are not read.
 */
final class UnaryJsonSession implements WebSocketHandler {
    static final int MAX_IN_FLIGHT = 16;

    private final WebSocketSession session;
    private final SessionCalls calls;
    private final JsonMessages json;
    private final MessageAssembler assembler;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private boolean noMoreCalls;
    private boolean ended;
    private boolean paused;

    /** One call and, once known, its answer. */
    private final class Pending extends JsonCallListener {
        private SessionCalls.OpenCall open;
        private byte[] answer;
        private boolean done;

        void failed(GrpcStatus status) {
            answer = json.error(status);
            done = true;
        }

        Pending() {
            super(json);
        }

        @Override
        void answer(java.util.function.Supplier<byte[]> rendering) {
            if (done) {
                return;
            }
            try {
                answer = rendering.get();
            } catch (GatewayException e) {
                cancelCall();
                failed(GrpcStatus.of(e));
                flush();
            }
        }

        @Override
        public void onClose(GrpcStatus status, HttpHeaders trailers) {
            if (done) {
                return;
            }
            if (open != null) {
                open.end();
            }
            if (!status.isOk()) {
                failed(status);
            } else if (answer == null) {
                failed(new GrpcStatus(GrpcStatusCode.INTERNAL,
                        "the backend ended a unary call without a response message", null));
            }
            done = true;
            flush();
        }

        private void cancelCall() {
            if (open != null) {
                open.cancel();
            }
        }

        void deadlineExceeded() {
            if (!done) {
                cancelCall();
                failed(new GrpcStatus(GrpcStatusCode.DEADLINE_EXCEEDED, "deadline exceeded at the gateway", null));
                flush();
            }
        }
    }

    UnaryJsonSession(WebSocketSession session, SessionCalls calls, JsonMessages json, int maxMessageBytes) {
        this.session = session;
        this.calls = calls;
        this.json = json;
        this.assembler = new MessageAssembler(maxMessageBytes);
    }

    /** Called once the handler is installed: the session's writability paces reading. */
    UnaryJsonSession listen(SessionWritability writability) {
        writability.listen(this, this::pace);
        return this;
    }

    @Override
    public void onFrame(WebSocketFrame frame) {
        if (FrameControl.answeredControl(frame, session)) {
            return;
        }
        if (ended || noMoreCalls) {
            frame.release();
            return;
        }
        MessageAssembler.Whole whole;
        try {
            whole = assembler.add(frame);
        } catch (GrpcException e) {
            answerNow(e.status());
            return;
        }
        if (whole != null) {
            onMessage(whole);
        }
    }

    private void onMessage(MessageAssembler.Whole whole) {
        String text = whole.text() ? whole.payload().toString(StandardCharsets.UTF_8) : null;
        whole.payload().release();
        if (text == null) {
            answerNow(FrameControl.binaryRefused());
            return;
        }
        if (text.isEmpty()) {
            noMoreCalls = true;
            flush();
            return;
        }
        Pending call = new Pending();
        try {
            var request = json.request(text);
            pending.add(call);
            call.open = calls.open(call, call::deadlineExceeded);
            call.open.call.sendMessage(request);
            call.open.call.halfClose();
        } catch (GatewayException e) {
            pending.remove(call);
            answerNow(GrpcStatus.of(e));
            return;
        }
        pace();
    }

    /** An answer to a message that opened no call, in its place in the order. */
    private void answerNow(GrpcStatus status) {
        Pending refused = new Pending();
        refused.failed(status);
        pending.add(refused);
        flush();
    }

    /** Sends the answers that are next in order, then decides whether to read on or end. */
    private void flush() {
        while (!ended && !pending.isEmpty() && pending.peek().done) {
            session.send(WebSocketFrame.text(Unpooled.wrappedBuffer(pending.poll().answer)));
        }
        if (!ended && noMoreCalls && pending.isEmpty()) {
            ended = true;
            session.close(WebSocketCloseCodes.NORMAL, "");
            return;
        }
        pace();
    }

    /** Reads the client while fewer than the maximum of calls are open and the client reads its answers. */
    private void pace() {
        boolean pause = pending.size() >= MAX_IN_FLIGHT || !session.isWritable();
        if (pause != paused && !ended) {
            paused = pause;
            if (pause) {
                session.pause();
            } else {
                session.resume();
            }
        }
    }

    @Override
    public void onClose(int code, String reason) {
        end();
        session.close(code, "");
    }

    @Override
    public void onError(int code, String reason) {
        end();
    }

    /** The client left: the calls in flight are cancelled. */
    private void end() {
        ended = true;
        assembler.release();
        for (Pending call : pending) {
            if (!call.done && call.open != null) {
                call.done = true;
                call.open.cancel();
            }
        }
        pending.clear();
    }
}
