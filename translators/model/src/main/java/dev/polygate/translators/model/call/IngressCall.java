package dev.polygate.translators.model.call;

import com.google.protobuf.Descriptors;
import dev.polygate.spi.BodySubscriber;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.ResponseSink;
import dev.polygate.translators.model.wire.GrpcAnswers;
import dev.polygate.translators.model.wire.GrpcException;
import dev.polygate.translators.model.wire.GrpcFrameDecoder;
import dev.polygate.translators.model.wire.GrpcFrames;
import dev.polygate.translators.model.wire.GrpcHeaders;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import dev.polygate.translators.model.wire.GrpcTimeout;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One native gRPC call served over a {@link MessageCall}: the request body's frames become messages of the
 * call, the call's answer becomes frames and trailers. Everything runs on the exchange's executor; once
 * {@code finished} is set nothing more is sent to either side and what still arrives is released.
 */
final class IngressCall implements BodySubscriber, CallListener {
    private final Exchange exchange;
    private final Descriptors.MethodDescriptor method;
    private final GrpcFrameDecoder decoder;
    private MessageCall call;
    private ScheduledFuture<?> deadline;
    private int requests;
    private boolean decoding;
    private boolean finished;

    IngressCall(Exchange exchange, Descriptors.MethodDescriptor method, int maxMessageBytes) {
        this.exchange = exchange;
        this.method = method;
        this.decoder = new GrpcFrameDecoder(maxMessageBytes);
    }

    void start(CallOpener opener, long timeoutNanos) {
        HttpHeaders metadata = new DefaultHttpHeaders();
        GrpcHeaders.copyMetadata(exchange.request().headers(), metadata);
        if (timeoutNanos > 0) {
            metadata.set(GrpcHeaders.GRPC_TIMEOUT, GrpcTimeout.format(timeoutNanos));
            deadline = exchange.executor().schedule(this::deadlineExceeded, timeoutNanos, TimeUnit.NANOSECONDS);
        }
        exchange.onCancel(this::clientGone);
        call = opener.open(exchange, method, metadata, this);
        // A backend that cannot take more yet stops the reading of the client's body, not a buffer here.
        call.onReady(() -> exchange.requestBody().resume());
        call.start();
        exchange.requestBody().subscribe(this);
    }

    @Override
    public void onData(ByteBuf chunk) {
        if (finished) {
            chunk.release();
            return;
        }
        decoding = true;
        try {
            decoder.decode(chunk, this::onFrame);
        } catch (GrpcException e) {
            fail(e.status());
        } finally {
            decoding = false;
        }
        if (finished) {
            decoder.release();
        } else if (!call.isReady()) {
            exchange.requestBody().pause();
        }
    }

    private void onFrame(int flags, ByteBuf payload) {
        if (finished) {
            payload.release();
            return;
        }
        if ((flags & GrpcFrames.COMPRESSED) != 0) {
            payload.release();
            fail(new GrpcStatus(GrpcStatusCode.INTERNAL,
                    "compression not supported: a compressed message without grpc-encoding", null));
            return;
        }
        if (++requests > 1 && !method.isClientStreaming()) {
            payload.release();
            fail(new GrpcStatus(GrpcStatusCode.INTERNAL, "more than one request message for " + method.getName(), null));
            return;
        }
        call.sendMessage(payload);
    }

    @Override
    public void onEnd(HttpHeaders trailers) {
        if (finished) {
            return;
        }
        if (decoder.hasPartialFrame()) {
            fail(new GrpcStatus(GrpcStatusCode.INTERNAL, "the request ended inside a message", null));
        } else if (requests == 0 && !method.isClientStreaming()) {
            fail(new GrpcStatus(GrpcStatusCode.INTERNAL, "no request message for " + method.getName(), null));
        } else {
            decoder.release();
            call.halfClose();
        }
    }

    @Override
    public void onError(GatewayException error) {
        fail(GrpcStatus.of(error));
    }

    @Override
    public void onHeaders(HttpHeaders headers) {
        if (!finished) {
            sendHead(headers);
        }
    }

    @Override
    public void onMessage(ByteBuf message) {
        if (finished) {
            message.release();
            return;
        }
        ResponseSink sink = exchange.response();
        if (!sink.isHeadSent()) {
            sendHead(EmptyHttpHeaders.INSTANCE);
        }
        sink.sendData(GrpcFrames.frame(ByteBufAllocator.DEFAULT, GrpcFrames.DATA, message));
    }

    @Override
    public void onClose(GrpcStatus status, HttpHeaders trailers) {
        finish(status, trailers);
    }

    private void deadlineExceeded() {
        fail(new GrpcStatus(GrpcStatusCode.DEADLINE_EXCEEDED, "deadline exceeded at the gateway", null));
    }

    /** The gateway ends the call: the backend is told, the client gets {@code status}. */
    private void fail(GrpcStatus status) {
        if (!finished) {
            if (call != null) {
                call.cancel();
            }
            finish(status, EmptyHttpHeaders.INSTANCE);
        }
    }

    private void finish(GrpcStatus status, HttpHeaders backendTrailers) {
        if (finished) {
            return;
        }
        ended();
        ResponseSink sink = exchange.response();
        if (sink.isDone()) {
            return;
        }
        if (!sink.isHeadSent()) {
            GrpcAnswers.trailersOnly(sink, 200, backendTrailers, status);
            return;
        }
        HttpHeaders trailers = new DefaultHttpHeaders();
        GrpcHeaders.copyMetadata(backendTrailers, trailers);
        status.writeTo(trailers);
        sink.sendEnd(trailers);
    }

    /** The client went away: only the backend is told; there is nobody to answer. */
    private void clientGone() {
        if (!finished) {
            ended();
            if (call != null) {
                call.cancel();
            }
        }
    }

    private void ended() {
        finished = true;
        if (deadline != null) {
            deadline.cancel(false);
        }
        // Inside a decode the decoder may still be cutting the current chunk; onData frees it afterwards.
        if (!decoding) {
            decoder.release();
        }
    }

    private void sendHead(HttpHeaders backendHeaders) {
        HttpHeaders head = new DefaultHttpHeaders();
        head.set(HttpHeaderNames.CONTENT_TYPE, GrpcHeaders.APPLICATION_GRPC);
        GrpcHeaders.copyMetadata(backendHeaders, head);
        exchange.response().sendHead(new ResponseHead(200, head));
    }
}
