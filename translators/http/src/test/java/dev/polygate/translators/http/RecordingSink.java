package dev.polygate.translators.http;

import dev.polygate.spi.GatewayException;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.ResponseSink;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client that records what the translator sends it. Body bytes are counted and the first 64 KiB kept.
 * With {@link #stallEvery} it turns unwritable after each that many bytes and drains in a later loop task,
 * recording how much still arrived while it was unwritable.
 */
final class RecordingSink implements ResponseSink {
    private static final int KEPT = 64 * 1024;
    private final EventLoop loop;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CompletableFuture<RecordingSink> done = new CompletableFuture<>();
    private Runnable writabilityListener;
    private boolean writable = true;
    private long sinceStall;
    volatile long stallEvery;
    volatile ResponseHead head;
    volatile long bytes;
    volatile long bytesWhileUnwritable;
    volatile int stalls;
    volatile HttpHeaders trailers;
    volatile GatewayException error;
    volatile long headNanos;

    RecordingSink(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public void sendHead(ResponseHead responseHead) {
        if (head != null || done.isDone()) {
            throw new IllegalStateException("head sent twice or after the end");
        }
        headNanos = System.nanoTime();
        head = responseHead;
    }

    @Override
    public void sendData(ByteBuf chunk) {
        try {
            if (head == null || done.isDone()) {
                throw new IllegalStateException("data without a head or after the end");
            }
            int size = chunk.readableBytes();
            bytes += size;
            if (!writable) {
                bytesWhileUnwritable += size;
            }
            if (kept.size() < KEPT) {
                byte[] data = new byte[Math.min(size, KEPT - kept.size())];
                chunk.getBytes(chunk.readerIndex(), data);
                kept.write(data, 0, data.length);
            }
            sinceStall += size;
            if (stallEvery > 0 && writable && sinceStall >= stallEvery) {
                sinceStall = 0;
                stalls++;
                writable = false;
                loop.execute(this::drain);
            }
        } finally {
            chunk.release();
        }
    }

    private void drain() {
        writable = true;
        if (writabilityListener != null) {
            writabilityListener.run();
        }
    }

    @Override
    public void sendEnd(HttpHeaders responseTrailers) {
        if (head == null || done.isDone()) {
            throw new IllegalStateException("end without a head or after the end");
        }
        trailers = responseTrailers;
        done.complete(this);
    }

    @Override
    public void sendError(GatewayException gatewayError) {
        if (!done.isDone()) {
            error = gatewayError;
            done.complete(this);
        }
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public void onWritabilityChanged(Runnable listener) {
        this.writabilityListener = listener;
    }

    @Override
    public boolean isHeadSent() {
        return head != null;
    }

    @Override
    public boolean isDone() {
        return done.isDone();
    }

    RecordingSink await() throws Exception {
        try {
            return done.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no end after 30s: head=" + head + " bytes=" + bytes + " stalls=" + stalls
                    + " writable=" + writable, e);
        }
    }

    String body() {
        return kept.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    int status() {
        return error != null && head == null ? error.kind().httpStatus() : head.status();
    }
}
