package dev.polygate.translators.model.web;

import dev.polygate.spi.BodySubscriber;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.RequestBody;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import java.util.List;

/** A client's request body: the given chunks, one per loop task, never while paused. */
final class TestClientBody implements RequestBody {
    private final EventLoop loop;
    private final List<byte[]> chunks;
    private final long declaredLength;
    private BodySubscriber subscriber;
    private int next;
    private boolean paused;
    private boolean scheduled;
    private boolean finished;
    volatile int pauses;
    volatile boolean discarded;

    TestClientBody(EventLoop loop, List<byte[]> chunks, boolean declared) {
        this.loop = loop;
        this.chunks = chunks;
        this.declaredLength = declared ? chunks.stream().mapToLong(c -> c.length).sum() : -1;
    }

    @Override
    public void subscribe(BodySubscriber newSubscriber) {
        if (subscriber != null) {
            throw new IllegalStateException("subscribed twice");
        }
        subscriber = newSubscriber;
        schedule();
    }

    @Override
    public void discard() {
        discarded = true;
        RequestBody.super.discard();
    }

    @Override
    public void pause() {
        if (!paused) {
            paused = true;
            pauses++;
        }
    }

    @Override
    public void resume() {
        if (paused) {
            paused = false;
            schedule();
        }
    }

    @Override
    public long declaredLength() {
        return declaredLength;
    }

    @Override
    public boolean isEmpty() {
        return chunks.isEmpty();
    }

    /** Like the edge when the client goes away mid-body. */
    void clientGone() {
        if (!finished && subscriber != null) {
            finished = true;
            subscriber.onError(new GatewayException(ErrorKind.BAD_REQUEST, "the client closed the request"));
        }
        finished = true;
    }

    private void schedule() {
        if (!scheduled && !finished && subscriber != null) {
            scheduled = true;
            loop.execute(this::deliver);
        }
    }

    private void deliver() {
        scheduled = false;
        if (paused || finished) {
            return;
        }
        if (next < chunks.size()) {
            byte[] chunk = chunks.get(next++);
            subscriber.onData(ByteBufAllocator.DEFAULT.buffer(chunk.length).writeBytes(chunk));
            schedule();
        } else {
            finished = true;
            subscriber.onEnd(EmptyHttpHeaders.INSTANCE);
        }
    }
}
