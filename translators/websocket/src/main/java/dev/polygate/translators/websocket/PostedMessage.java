package dev.polygate.translators.websocket;

import dev.polygate.spi.BodySubscriber;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.function.Consumer;

/**
 * The body of a POST into an event-stream session, held whole up to the route's message size: one body is one
 * WebSocket message. Beyond the limit the rest is released as it arrives and the client is told 413.
 */
final class PostedMessage implements BodySubscriber {
    private final int limit;
    private final CompositeByteBuf body;
    private final Consumer<ByteBuf> complete;
    private final Consumer<GatewayException> failed;
    private boolean over;

    PostedMessage(ByteBufAllocator alloc, int limit, Consumer<ByteBuf> complete, Consumer<GatewayException> failed) {
        this.limit = limit;
        this.body = alloc.compositeBuffer();
        this.complete = complete;
        this.failed = failed;
    }

    static GatewayException tooLarge(int limit) {
        return new GatewayException(ErrorKind.PAYLOAD_TOO_LARGE, "a message posted into an event-stream session may have at most "
                + limit + " bytes");
    }

    @Override
    public void onData(ByteBuf chunk) {
        if (over) {
            chunk.release();
            return;
        }
        if (body.readableBytes() + (long) chunk.readableBytes() > limit) {
            over = true;
            chunk.release();
            body.release();
            failed.accept(tooLarge(limit));
            return;
        }
        body.addComponent(true, chunk);
    }

    @Override
    public void onEnd(HttpHeaders trailers) {
        if (!over) {
            complete.accept(body);
        }
    }

    @Override
    public void onError(GatewayException error) {
        if (!over) {
            over = true;
            body.release();
            failed.accept(error);
        }
    }
}
