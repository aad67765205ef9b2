package dev.polygate.translators.grpc.call;

import dev.polygate.spi.GatewayException;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.ResponseSink;
import dev.polygate.translators.model.call.CallListener;
import dev.polygate.translators.model.wire.GrpcException;
import dev.polygate.translators.model.wire.GrpcFrameDecoder;
import dev.polygate.translators.model.wire.GrpcHeaders;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * The sink the backend translator writes a gRPC response into: it checks that the answer is gRPC, splits
 * the body into messages and turns headers, trailers and transport errors into one {@link GrpcStatus}.
 * Writability is the client's, so a slow client slows the backend down.
 */
final class GrpcResponseReader implements ResponseSink, GrpcFrameDecoder.FrameListener {
    private final CallListener listener;
    private final ResponseSink client;
    private final GrpcFrameDecoder decoder;
    private final Runnable onFinished;
    private HttpHeaders trailersOnly;
    private boolean headSent;
    private boolean done;

    GrpcResponseReader(CallListener listener, ResponseSink client, int maxMessageBytes, Runnable onFinished) {
        this.listener = listener;
        this.client = client;
        this.decoder = new GrpcFrameDecoder(maxMessageBytes);
        this.onFinished = onFinished;
    }

    @Override
    public void sendHead(ResponseHead head) {
        if (done || headSent) {
            return;
        }
        headSent = true;
        HttpHeaders headers = head.headers();
        if (head.status() != 200) {
            finish(new GrpcStatus(GrpcStatusCode.fromHttpStatus(head.status()),
                    "the backend answered HTTP " + head.status() + " instead of gRPC", null), EmptyHttpHeaders.INSTANCE);
            return;
        }
        String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE);
        if (contentType == null || !contentType.startsWith("application/grpc")) {
            finish(new GrpcStatus(GrpcStatusCode.UNKNOWN, "the backend answered with content-type '"
                    + contentType + "' instead of gRPC", null), EmptyHttpHeaders.INSTANCE);
            return;
        }
        if (headers.contains(GrpcHeaders.GRPC_STATUS)) {
            trailersOnly = headers; // the status comes with the end of the stream
            return;
        }
        listener.onHeaders(headers);
    }

    @Override
    public void sendData(ByteBuf chunk) {
        if (done || trailersOnly != null) {
            chunk.release();
            return;
        }
        try {
            decoder.decode(chunk, this);
        } catch (GrpcException e) {
            finish(e.status(), EmptyHttpHeaders.INSTANCE);
        }
    }

    @Override
    public void onFrame(int flags, ByteBuf payload) {
        if (done) {
            payload.release();
        } else if ((flags & 0x01) != 0) {
            payload.release();
            finish(new GrpcStatus(GrpcStatusCode.INTERNAL,
                    "the backend sent a compressed message though the gateway offered no compression", null),
                    EmptyHttpHeaders.INSTANCE);
        } else {
            listener.onMessage(payload);
        }
    }

    @Override
    public void sendEnd(HttpHeaders trailers) {
        if (done) {
            return;
        }
        if (trailersOnly != null) {
            finish(GrpcStatus.fromTrailers(trailersOnly), trailersOnly);
        } else if (decoder.hasPartialFrame()) {
            finish(new GrpcStatus(GrpcStatusCode.INTERNAL, "the backend's response ended inside a message", null),
                    trailers);
        } else {
            finish(GrpcStatus.fromTrailers(trailers), trailers);
        }
    }

    @Override
    public void sendError(GatewayException error) {
        finish(GrpcStatus.of(error), EmptyHttpHeaders.INSTANCE);
    }

    /** The gateway ends the call itself (client gone, deadline, bad client input). */
    void abandon() {
        if (!done) {
            done = true;
            decoder.release();
        }
    }

    boolean isFinished() {
        return done;
    }

    private void finish(GrpcStatus status, HttpHeaders trailers) {
        if (done) {
            return;
        }
        done = true;
        decoder.release();
        onFinished.run();
        listener.onClose(status, trailers);
    }

    @Override
    public boolean isWritable() {
        return client.isWritable();
    }

    @Override
    public void onWritabilityChanged(Runnable listener) {
        client.onWritabilityChanged(listener);
    }

    @Override
    public boolean isHeadSent() {
        return headSent;
    }

    @Override
    public boolean isDone() {
        return done;
    }
}
