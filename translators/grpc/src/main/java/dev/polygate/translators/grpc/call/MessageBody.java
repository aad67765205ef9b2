package dev.polygate.translators.grpc.call;

import dev.polygate.spi.BodySubscriber;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.RequestBody;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import java.util.ArrayDeque;

/**
 * The request body of a call the gateway makes itself: framed messages queued by the ingress side and
 * handed to the backend translator as it asks for them. Pausing is how the backend connection says it
 * cannot take more, which the ingress reads through {@link #isReady()}.
 */
final class MessageBody implements RequestBody {
    private final ArrayDeque<ByteBuf> queued = new ArrayDeque<>(2);
    private BodySubscriber subscriber;
    private boolean paused;
    private boolean ended;
    private boolean delivered;
    private GatewayException failure;
    private Runnable readyListener;

    void offer(ByteBuf framed) {
        if (ended || delivered) {
            framed.release();
            return;
        }
        queued.add(framed);
        drain();
    }

    void end() {
        if (!ended) {
            ended = true;
            drain();
        }
    }

    void fail(GatewayException error) {
        if (!ended && !delivered) {
            failure = error;
            ended = true;
            drain();
        }
    }

    /** Frees what was never sent, after the call ended. */
    void discardQueued() {
        ByteBuf buf;
        while ((buf = queued.poll()) != null) {
            buf.release();
        }
        ended = true;
    }

    boolean isReady() {
        return !paused && !ended;
    }

    void onReady(Runnable listener) {
        this.readyListener = listener;
    }

    @Override
    public void subscribe(BodySubscriber subscriber) {
        if (this.subscriber != null) {
            throw new IllegalStateException("the body has a subscriber already");
        }
        this.subscriber = subscriber;
        drain();
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        if (paused) {
            paused = false;
            drain();
            Runnable listener = readyListener;
            if (listener != null && isReady()) {
                listener.run();
            }
        }
    }

    @Override
    public long declaredLength() {
        return -1;
    }

    @Override
    public boolean isEmpty() {
        return false;
    }

    private void drain() {
        if (subscriber == null || delivered) {
            return;
        }
        while (!paused && !queued.isEmpty()) {
            subscriber.onData(queued.poll());
        }
        if (ended && queued.isEmpty() && !delivered) {
            delivered = true;
            if (failure != null) {
                subscriber.onError(failure);
            } else {
                subscriber.onEnd(EmptyHttpHeaders.INSTANCE);
            }
        }
    }
}
