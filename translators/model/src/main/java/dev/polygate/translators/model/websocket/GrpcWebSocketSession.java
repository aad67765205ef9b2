package dev.polygate.translators.model.websocket;

import dev.polygate.spi.websocket.WebSocketCloseCodes;
import dev.polygate.spi.websocket.WebSocketFrame;
import dev.polygate.spi.websocket.WebSocketHandler;
import dev.polygate.spi.websocket.WebSocketSession;
import dev.polygate.translators.model.call.CallListener;
import dev.polygate.translators.model.wire.GrpcException;
import dev.polygate.translators.model.wire.GrpcFrameDecoder;
import dev.polygate.translators.model.wire.GrpcFrames;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.function.Function;

/**
 * One call over the {@code grpc-websockets} framing (see {@link GrpcWebSocketFraming}): the header block opens
 * the call (its {@code grpc-timeout} and allowed metadata apply), the client's gRPC frames are the call's
 * messages, in as many WebSocket messages as the client likes, and {@code 0x01} half-closes. The answer is
 * gRPC-Web frames, then the server closes with 1000: the status travels in the trailers frame, as the client
 * expects. Messages are passed on as bytes, never decoded.
 */
final class GrpcWebSocketSession implements WebSocketHandler, CallListener {
    private final WebSocketSession session;
    private final Function<HttpHeaders, SessionCalls> callsForHeaders;
    private final MessageAssembler assembler;
    private final GrpcFrameDecoder decoder;
    private SessionCalls.OpenCall open;
    private int requests;
    private boolean clientStreaming;
    private boolean headersSent;
    private boolean halfClosed;
    private boolean finished;

    /**
     * @param callsForHeaders the calls of the session for its header block; throws a {@link GrpcException} when the
     *                        block is not acceptable (an unreadable {@code grpc-timeout})
     */
    GrpcWebSocketSession(WebSocketSession session, Function<HttpHeaders, SessionCalls> callsForHeaders,
                         int maxMessageBytes) {
        this.session = session;
        this.callsForHeaders = callsForHeaders;
        this.assembler = new MessageAssembler(maxMessageBytes + GrpcFrames.HEADER_BYTES + 1);
        this.decoder = new GrpcFrameDecoder(maxMessageBytes);
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
        try {
            MessageAssembler.Whole whole = assembler.add(frame);
            if (whole != null) {
                onClientMessage(whole.payload());
            }
        } catch (GrpcException e) {
            fail(e.status());
        }
    }

    private void onClientMessage(ByteBuf payload) {
        if (open == null) {
            HttpHeaders headers;
            try {
                headers = GrpcWebSocketFraming.headerBlock(payload);
            } finally {
                payload.release();
            }
            SessionCalls calls = callsForHeaders.apply(headers);
            clientStreaming = calls.method().isClientStreaming();
            open = calls.open(this, () -> fail(new GrpcStatus(
                    GrpcStatusCode.DEADLINE_EXCEEDED, "deadline exceeded at the gateway", null)));
            open.call.onReady(() -> {
                if (!finished) {
                    session.resume();
                }
            });
            return;
        }
        GrpcWebSocketFraming.Kind kind;
        try {
            kind = GrpcWebSocketFraming.kind(payload);
        } catch (GrpcException e) {
            payload.release();
            throw e;
        }
        if (halfClosed) {
            payload.release();
            throw new GrpcException(GrpcStatusCode.INTERNAL, "a message after the half-close");
        }
        if (kind == GrpcWebSocketFraming.Kind.HALF_CLOSE) {
            payload.release();
            halfClose();
            return;
        }
        decoder.decode(payload, this::onRequest);
        if (!finished && !open.call.isReady()) {
            session.pause();
        }
    }

    private void onRequest(int flags, ByteBuf message) {
        if (finished) {
            message.release();
            return;
        }
        try {
            GrpcWebSocketFraming.checkRequestFlags(flags);
        } catch (GrpcException e) {
            message.release();
            throw e;
        }
        if (++requests > 1 && !clientStreaming) {
            message.release();
            throw new GrpcException(GrpcStatusCode.INTERNAL, "more than one request message for a unary call");
        }
        open.call.sendMessage(message);
    }

    private void halfClose() {
        if (decoder.hasPartialFrame()) {
            throw new GrpcException(GrpcStatusCode.INTERNAL, "the half-close came inside a message");
        }
        halfClosed = true;
        decoder.release();
        open.call.halfClose();
    }

    @Override
    public void onHeaders(HttpHeaders headers) {
        if (!finished && !headersSent) {
            headersSent = true;
            session.send(WebSocketFrame.binary(GrpcWebSocketFraming.headersFrame(ByteBufAllocator.DEFAULT, headers)));
        }
    }

    @Override
    public void onMessage(ByteBuf message) {
        if (finished) {
            message.release();
            return;
        }
        if (!headersSent) {
            onHeaders(EmptyHttpHeaders.INSTANCE);
        }
        session.send(WebSocketFrame.binary(GrpcFrames.frame(ByteBufAllocator.DEFAULT, GrpcFrames.DATA, message)));
    }

    @Override
    public void onClose(GrpcStatus status, HttpHeaders trailers) {
        if (!finished) {
            finished = true;
            if (open != null) {
                open.end();
            }
            release();
            answer(status, trailers);
        }
    }

    /** The gateway ends the call (bad frames, deadline): the backend is told, the client gets the status. */
    private void fail(GrpcStatus status) {
        if (!finished) {
            finished = true;
            release();
            if (open != null) {
                open.cancel();
            }
            answer(status, EmptyHttpHeaders.INSTANCE);
        }
    }

    private void answer(GrpcStatus status, HttpHeaders trailers) {
        ByteBuf last = headersSent
                ? GrpcWebSocketFraming.trailersFrame(ByteBufAllocator.DEFAULT, trailers, status)
                : GrpcWebSocketFraming.trailersOnlyFrame(ByteBufAllocator.DEFAULT, trailers, status);
        session.send(WebSocketFrame.binary(last));
        session.close(WebSocketCloseCodes.NORMAL, "");
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

    private void clientGone() {
        if (!finished) {
            finished = true;
            release();
            if (open != null) {
                open.cancel();
            }
        }
    }

    private void release() {
        assembler.release();
        decoder.release();
    }
}
