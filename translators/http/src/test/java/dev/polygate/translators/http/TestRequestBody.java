package dev.polygate.translators.http;

import dev.polygate.spi.BodySubscriber;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.RequestBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client body made up on the spot: {@code length} bytes in chunks, generated only as the subscriber takes
 * them and never while paused, so the test sees whether the translator holds reading back.
 */
final class TestRequestBody implements RequestBody {
    private static final int CHUNKS_PER_TASK = 8;
    private final EventLoop loop;
    private final long length;
    private final int chunkSize;
    private final boolean declared;
    private final HttpHeaders trailers;
    private final long failAfter;
    private BodySubscriber subscriber;
    private long generated;
    private boolean paused;
    private boolean pumpScheduled;
    private boolean finished;
    /** The end is delivered only by {@link #end()}. */
    private boolean endHeld;
    final AtomicInteger pauses = new AtomicInteger();

    private TestRequestBody(EventLoop loop, long length, int chunkSize, boolean declared, HttpHeaders trailers,
                            long failAfter) {
        this.loop = loop;
        this.length = length;
        this.chunkSize = chunkSize;
        this.declared = declared;
        this.trailers = trailers;
        this.failAfter = failAfter;
    }

    static TestRequestBody empty(EventLoop loop) {
        return new TestRequestBody(loop, 0, 1, true, EmptyHttpHeaders.INSTANCE, -1);
    }

    /** With a Content-Length. */
    static TestRequestBody sized(EventLoop loop, long length) {
        return new TestRequestBody(loop, length, 16 * 1024, true, EmptyHttpHeaders.INSTANCE, -1);
    }

    /** With a Content-Length, all of it in one chunk, and its end only when {@link #end()} is called. */
    static TestRequestBody sizedEndingLater(EventLoop loop, int length) {
        TestRequestBody body = new TestRequestBody(loop, length, length, true, EmptyHttpHeaders.INSTANCE, -1);
        body.endHeld = true;
        return body;
    }

    /** Delivers the end a {@link #sizedEndingLater} body holds back. */
    void end() {
        loop.execute(() -> {
            if (!finished && subscriber != null) {
                finished = true;
                subscriber.onEnd(trailers);
            }
        });
    }

    /** Without a declared length (chunked on HTTP/1.1), ending with {@code trailers}. */
    static TestRequestBody chunked(EventLoop loop, long length, HttpHeaders trailers) {
        return new TestRequestBody(loop, length, 16 * 1024, false,
                trailers == null ? new DefaultHttpHeaders() : trailers, -1);
    }

    /** A chunked body whose client goes wrong after {@code failAfter} bytes. */
    static TestRequestBody failing(EventLoop loop, long failAfter) {
        return new TestRequestBody(loop, Long.MAX_VALUE, 16 * 1024, false, EmptyHttpHeaders.INSTANCE, failAfter);
    }

    @Override
    public void subscribe(BodySubscriber newSubscriber) {
        if (subscriber != null) {
            throw new IllegalStateException("subscribed twice");
        }
        subscriber = newSubscriber;
        schedulePump();
    }

    @Override
    public void pause() {
        if (!paused) {
            paused = true;
            pauses.incrementAndGet();
        }
    }

    @Override
    public void resume() {
        if (paused) {
            paused = false;
            schedulePump();
        }
    }

    @Override
    public long declaredLength() {
        return declared ? length : -1;
    }

    @Override
    public boolean isEmpty() {
        return length == 0;
    }

    @Override
    public String toString() {
        return "body generated=" + generated + " paused=" + paused + " finished=" + finished + " pauses=" + pauses;
    }

    /** Like the edge when the client goes away: the body ends in an error. */
    void clientGone() {
        if (!finished && subscriber != null) {
            finished = true;
            subscriber.onError(new GatewayException(ErrorKind.BAD_REQUEST, "the client closed the request"));
        }
        finished = true;
    }

    private void schedulePump() {
        if (!pumpScheduled && !finished) {
            pumpScheduled = true;
            loop.execute(this::pump);
        }
    }

    private void pump() {
        pumpScheduled = false;
        for (int i = 0; i < CHUNKS_PER_TASK && !paused && !finished; i++) {
            if (failAfter >= 0 && generated >= failAfter) {
                finished = true;
                subscriber.onError(new GatewayException(ErrorKind.BAD_REQUEST, "the request body was malformed"));
                return;
            }
            if (generated >= length) {
                if (endHeld) {
                    return;
                }
                finished = true;
                subscriber.onEnd(trailers);
                return;
            }
            int size = (int) Math.min(chunkSize, length - generated);
            // One bulk write: under paranoid leak detection every buffer call records a stack trace.
            byte[] data = new byte[size];
            for (int b = 0; b < size; b++) {
                data[b] = (byte) ((generated + b) & 0x7f);
            }
            ByteBuf chunk = ByteBufAllocator.DEFAULT.buffer(size).writeBytes(data);
            generated += size;
            subscriber.onData(chunk);
        }
        if (!paused && !finished) {
            schedulePump();
        }
    }
}
