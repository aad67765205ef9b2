package dev.polygate.translators.model.web;

import dev.polygate.spi.BodySubscriber;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.RequestBody;
import dev.polygate.translators.model.wire.GrpcException;
import dev.polygate.translators.model.wire.GrpcFrameDecoder;
import dev.polygate.translators.model.wire.GrpcFrames;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.function.Consumer;

/**
 * The request body the gRPC backend reads: the client's gRPC-Web body, base64-decoded in text mode and
 * checked message by message, so that an oversized, truncated or undecodable body never reaches the
 * backend as a complete call. Pausing it pauses the client.
 */
final class WebRequestBody implements RequestBody, BodySubscriber {
    private final RequestBody client;
    private final Base64StreamDecoder base64;
    private final GrpcFrameDecoder frames;
    private final Consumer<GrpcException> onInvalid;
    private BodySubscriber backend;
    private boolean subscribed;
    /** Nothing more goes to the backend; the decoders are released. */
    private boolean closed;

    /**
     * @param onInvalid told when the body turns out to be invalid, before the backend hears of it, so the
     *                  call can be cancelled and answered first
     */
    WebRequestBody(RequestBody client, boolean text, int maxMessageBytes, Consumer<GrpcException> onInvalid) {
        this.client = client;
        this.base64 = text ? new Base64StreamDecoder() : null;
        this.frames = new GrpcFrameDecoder(maxMessageBytes);
        this.onInvalid = onInvalid;
    }

    @Override
    public void subscribe(BodySubscriber subscriber) {
        if (subscribed) {
            throw new IllegalStateException("the request body is already subscribed");
        }
        subscribed = true;
        backend = subscriber;
        client.subscribe(this);
    }

    @Override
    public void discard() {
        if (!subscribed) {
            subscribed = true;
            close();
            client.discard();
        }
    }

    @Override
    public void pause() {
        if (!closed) {
            client.pause();
        }
    }

    @Override
    public void resume() {
        client.resume();
    }

    /** Binary bodies keep their length; text bodies shrink when decoded, so theirs is unknown. */
    @Override
    public long declaredLength() {
        return base64 == null ? client.declaredLength() : -1;
    }

    @Override
    public boolean isEmpty() {
        return client.isEmpty();
    }

    // ---- from the client ----

    @Override
    public void onData(ByteBuf chunk) {
        if (closed) {
            chunk.release();
            return;
        }
        try {
            frames.decode(base64 == null ? chunk : base64.decode(chunk), this::onFrame);
        } catch (GrpcException e) {
            invalid(e);
        }
    }

    private void onFrame(int flags, ByteBuf payload) {
        if (closed) {
            payload.release();
            return;
        }
        if ((flags & ~GrpcFrames.COMPRESSED) != 0) {
            payload.release();
            throw new GrpcException(GrpcStatusCode.INVALID_ARGUMENT, String.format(
                    "a request message has flags 0x%02x; only 0x00 and 0x01 (compressed) are allowed", flags));
        }
        backend.onData(GrpcFrames.frame(ByteBufAllocator.DEFAULT, flags, payload));
    }

    @Override
    public void onEnd(HttpHeaders trailers) {
        if (closed) {
            return;
        }
        if (base64 != null && base64.hasPartialGroup()) {
            invalid(new GrpcException(GrpcStatusCode.INVALID_ARGUMENT,
                    "the grpc-web-text body ends inside a 4-character base64 group"));
        } else if (frames.hasPartialFrame()) {
            invalid(new GrpcException(GrpcStatusCode.INVALID_ARGUMENT,
                    "the request body ends inside a message: the message is truncated"));
        } else {
            close();
            backend.onEnd(EmptyHttpHeaders.INSTANCE);
        }
    }

    @Override
    public void onError(GatewayException error) {
        if (!closed) {
            close();
            backend.onError(error);
        }
    }

    /** The client went away: a body nobody subscribed to is discarded, so it is still consumed. */
    void clientGone() {
        discard();
    }

    private void invalid(GrpcException e) {
        if (closed) {
            return;
        }
        close();
        onInvalid.accept(e);
        // The backend's subscription ends too; its exchange was cancelled first, so this only tidies up.
        backend.onError(e.toGatewayException());
        client.resume(); // the rest of the body drains and is released
    }

    private void close() {
        closed = true;
        frames.release();
    }
}
