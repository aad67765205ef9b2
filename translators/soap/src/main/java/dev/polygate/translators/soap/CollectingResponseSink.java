package dev.polygate.translators.soap;

import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.ResponseSink;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Where the backend's SOAP answer is gathered: XML is read as a whole document once it has arrived, within a
 * bound (a larger answer ends the call with 502 instead of filling memory).
 */
final class CollectingResponseSink implements ResponseSink {
    /** What the collected answer is handed to, on the exchange's executor. */
    interface Receiver {
        void answered(int status, String contentType, byte[] body);

        void failed(GatewayException error);
    }

    private static final int INITIAL_CAP = 64 * 1024;

    private final int maxBytes;
    private final Receiver receiver;
    /**
     * Sized by the answer's Content-Length when it has one, so a usual answer never grows it; up to a cap, so a
     * length declared but never sent costs no more than the bytes that come.
     */
    private ByteArrayOutputStream body;
    private int declaredLength = -1;
    private int status;
    private String contentType;
    private boolean headSent;
    private boolean done;

    CollectingResponseSink(int maxBytes, Receiver receiver) {
        this.maxBytes = maxBytes;
        this.receiver = receiver;
    }

    @Override
    public void sendHead(ResponseHead head) {
        if (!headSent && !done) {
            headSent = true;
            status = head.status();
            contentType = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
            declaredLength = head.headers().getInt(HttpHeaderNames.CONTENT_LENGTH, -1);
        }
    }

    @Override
    public void sendData(ByteBuf chunk) {
        try {
            if (done) {
                return;
            }
            if (body == null) {
                body = new ByteArrayOutputStream(declaredLength >= 0 ? Math.min(declaredLength, INITIAL_CAP) : 1024);
            }
            if (body.size() + (long) chunk.readableBytes() > maxBytes) {
                sendError(new GatewayException(ErrorKind.UPSTREAM_PROTOCOL,
                        "the SOAP answer is larger than the route's limit of " + maxBytes + " bytes"));
                return;
            }
            chunk.readBytes(body, chunk.readableBytes());
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        } finally {
            chunk.release();
        }
    }

    @Override
    public void sendEnd(HttpHeaders trailers) {
        if (!done) {
            done = true;
            receiver.answered(status, contentType, body == null ? new byte[0] : body.toByteArray());
        }
    }

    @Override
    public void sendError(GatewayException error) {
        if (!done) {
            done = true;
            receiver.failed(error);
        }
    }

    @Override
    public boolean isWritable() {
        return true; // gathered in memory within the bound
    }

    @Override
    public void onWritabilityChanged(Runnable listener) {
    }

    @Override
    public boolean isHeadSent() {
        return headSent;
    }

    @Override
    public boolean isDone() {
        return done;
    }
}
