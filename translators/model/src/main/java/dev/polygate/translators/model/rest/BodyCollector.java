package dev.polygate.translators.model.rest;

import dev.polygate.spi.BodySubscriber;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.RequestBody;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/**
 * Reads a whole REST request body, which JSON transcoding needs before it can build a message, within a
 * declared bound: a body past the bound is refused with 413 as soon as its size is known.
 */
final class BodyCollector implements BodySubscriber {
    private final long maxBytes;
    private final Consumer<byte[]> onBody;
    private final Consumer<GatewayException> onError;
    private ByteArrayOutputStream bytes;
    private boolean finished;

    private BodyCollector(long maxBytes, Consumer<byte[]> onBody, Consumer<GatewayException> onError) {
        this.maxBytes = maxBytes;
        this.onBody = onBody;
        this.onError = onError;
    }

    static void collect(RequestBody body, long maxBytes, Consumer<byte[]> onBody, Consumer<GatewayException> onError) {
        if (body.declaredLength() > maxBytes) {
            body.discard();
            onError.accept(tooLarge(maxBytes));
            return;
        }
        if (body.isEmpty()) {
            body.discard();
            onBody.accept(new byte[0]);
            return;
        }
        body.subscribe(new BodyCollector(maxBytes, onBody, onError));
    }

    @Override
    public void onData(ByteBuf chunk) {
        try {
            if (finished) {
                return;
            }
            if (bytes == null) {
                bytes = new ByteArrayOutputStream(Math.max(64, chunk.readableBytes()));
            }
            if (bytes.size() + (long) chunk.readableBytes() > maxBytes) {
                finished = true;
                bytes = null;
                onError.accept(tooLarge(maxBytes));
                return;
            }
            chunk.readBytes(bytes, chunk.readableBytes());
        } catch (java.io.IOException impossible) {
            throw new IllegalStateException(impossible);
        } finally {
            chunk.release();
        }
    }

    @Override
    public void onEnd(HttpHeaders trailers) {
        if (!finished) {
            finished = true;
            onBody.accept(bytes == null ? new byte[0] : bytes.toByteArray());
        }
    }

    @Override
    public void onError(GatewayException error) {
        if (!finished) {
            finished = true;
            onError.accept(error);
        }
    }

    private static GatewayException tooLarge(long maxBytes) {
        return new GatewayException(ErrorKind.PAYLOAD_TOO_LARGE,
                "the request body is larger than the route's limit of " + maxBytes + " bytes");
    }
}
