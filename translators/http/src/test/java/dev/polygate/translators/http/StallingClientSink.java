package dev.polygate.translators.http;

import dev.polygate.spi.GatewayException;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.ResponseSink;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A client that takes the head and one chunk, then stops being writable until {@link #resume()}: what the
 * translator still hands it meanwhile is what it read from the upstream though the client could not take it.
 */
final class StallingClientSink implements ResponseSink {
    private final EventLoop loop;
    private final CompletableFuture<StallingClientSink> ended = new CompletableFuture<>();
    private final Semaphore arrived = new Semaphore(0);
    private Runnable writabilityListener;
    private boolean writable = true;
    private boolean resumed;
    volatile ResponseHead head;
    volatile long bytes;
    volatile long bytesWhileUnwritable;
    volatile GatewayException error;

    StallingClientSink(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public void sendHead(ResponseHead responseHead) {
        head = responseHead;
    }

    @Override
    public void sendData(ByteBuf chunk) {
        try {
            bytes += chunk.readableBytes();
            if (!writable) {
                bytesWhileUnwritable += chunk.readableBytes();
            }
            writable = resumed;
        } finally {
            chunk.release();
        }
        arrived.release();
    }

    @Override
    public void sendEnd(HttpHeaders trailers) {
        ended.complete(this);
    }

    @Override
    public void sendError(GatewayException gatewayError) {
        error = gatewayError;
        ended.complete(this);
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public void onWritabilityChanged(Runnable listener) {
        writabilityListener = listener;
    }

    @Override
    public boolean isHeadSent() {
        return head != null;
    }

    @Override
    public boolean isDone() {
        return ended.isDone();
    }

    /** Waits for data, then until none came for {@code quiet} (ten seconds at most each), and returns the bytes so far. */
    long awaitNoMoreData(Duration quiet) throws InterruptedException {
        if (!arrived.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no data within ten seconds");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        do {
            arrived.drainPermits();
            if (!arrived.tryAcquire(quiet.toMillis(), TimeUnit.MILLISECONDS)) {
                return bytes;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("data still coming after ten seconds: " + bytes + " bytes");
    }

    /** Writable for good from now on, as a client that reads again. */
    void resume() {
        loop.execute(() -> {
            resumed = true;
            writable = true;
            writabilityListener.run();
        });
    }

    StallingClientSink awaitEnd() throws Exception {
        return ended.get(30, TimeUnit.SECONDS);
    }
}
