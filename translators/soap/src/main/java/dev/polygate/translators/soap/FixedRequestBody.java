package dev.polygate.translators.soap;

import dev.polygate.spi.BodySubscriber;
import dev.polygate.spi.RequestBody;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.EmptyHttpHeaders;

/** A request body the gateway wrote itself (a SOAP envelope): one chunk, its length known up front. */
final class FixedRequestBody implements RequestBody {
    private final byte[] bytes;
    private boolean subscribed;

    FixedRequestBody(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public void subscribe(BodySubscriber subscriber) {
        if (subscribed) {
            throw new IllegalStateException("the body has a subscriber already");
        }
        subscribed = true;
        subscriber.onData(Unpooled.wrappedBuffer(bytes));
        subscriber.onEnd(EmptyHttpHeaders.INSTANCE);
    }

    @Override
    public void pause() {
        // one chunk, already handed over: nothing to hold back
    }

    @Override
    public void resume() {
    }

    @Override
    public long declaredLength() {
        return bytes.length;
    }

    @Override
    public boolean isEmpty() {
        return bytes.length == 0;
    }
}
