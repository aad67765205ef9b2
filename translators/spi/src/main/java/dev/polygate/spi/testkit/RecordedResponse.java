package dev.polygate.spi.testkit;

import dev.polygate.spi.GatewayException;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.ResponseSink;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;

/**
 * The response sink of a made-up exchange: it keeps what reaches it, so a test can drive a policy's response side
 * (send a head through the exchange the policy passed on) and read what the client would have got.
 */
public final class RecordedResponse implements ResponseSink {
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private ResponseHead head;
    private GatewayException error;
    private boolean done;

    @Override
    public synchronized void sendHead(ResponseHead sent) {
        head = sent;
    }

    @Override
    public synchronized void sendData(ByteBuf chunk) {
        try {
            chunk.readBytes(body, chunk.readableBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            chunk.release();
        }
    }

    @Override
    public synchronized void sendEnd(HttpHeaders trailers) {
        done = true;
    }

    @Override
    public synchronized void sendError(GatewayException sent) {
        if (!done) {
            error = sent;
            done = true;
        }
    }

    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public void onWritabilityChanged(Runnable listener) {
    }

    @Override
    public synchronized boolean isHeadSent() {
        return head != null;
    }

    @Override
    public synchronized boolean isDone() {
        return done;
    }

    /** The head sent, or null. */
    public synchronized ResponseHead head() {
        return head;
    }

    /** The error the response ended with (its headers as they reached the sink), or null. */
    public synchronized GatewayException error() {
        return error;
    }

    public synchronized byte[] body() {
        return body.toByteArray();
    }
}
