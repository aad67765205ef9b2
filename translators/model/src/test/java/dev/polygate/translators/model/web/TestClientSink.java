package dev.polygate.translators.model.web;

import dev.polygate.spi.GatewayException;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.ResponseSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The client's side of the response: records the head and every chunk as sent. With {@link #stallEvery}
 * it turns unwritable after that many bytes and drains in a later loop task.
 */
final class TestClientSink implements ResponseSink {
    private final EventLoop loop;
    final CompletableFuture<TestClientSink> done = new CompletableFuture<>();
    final CompletableFuture<Void> firstData = new CompletableFuture<>();
    final List<byte[]> chunks = new CopyOnWriteArrayList<>();
    private Runnable writabilityListener;
    private boolean writable = true;
    private long sinceStall;
    volatile long stallEvery;
    volatile int stalls;
    volatile long bytesWhileUnwritable;
    volatile ResponseHead head;
    volatile HttpHeaders trailers;
    volatile GatewayException error;

    TestClientSink(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public void sendHead(ResponseHead responseHead) {
        if (head != null || done.isDone()) {
            throw new IllegalStateException("head sent twice or after the end");
        }
        head = responseHead;
    }

    @Override
    public void sendData(ByteBuf chunk) {
        try {
            if (head == null || done.isDone()) {
                throw new IllegalStateException("data without a head or after the end");
            }
            if (!writable) {
                bytesWhileUnwritable += chunk.readableBytes();
            }
            chunks.add(ByteBufUtil.getBytes(chunk));
            firstData.complete(null);
            sinceStall += chunk.readableBytes();
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
        writabilityListener = listener;
    }

    @Override
    public boolean isHeadSent() {
        return head != null;
    }

    @Override
    public boolean isDone() {
        return done.isDone();
    }

    TestClientSink await() throws Exception {
        try {
            return done.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no end after 30s: head=" + head + " chunks=" + chunks.size(), e);
        }
    }
}
