package dev.polygate.edge.exchange;

import dev.polygate.spi.GatewayException;
import dev.polygate.spi.HopByHopHeaders;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.RequestHead;
import dev.polygate.spi.ResponseSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;

/**
 * Writes a translator's response to the client. Writes are flushed once per event-loop task rather than per
 * chunk, so a burst of chunks read from an upstream in one go leaves in one system call.
 *
 * <p>The head, and the first chunk after it, are held until more data, the end or the flush, whichever comes
 * first. A response that ends in the same task as its head is then written as one full message: one trip
 * through the pipeline and the encoder instead of three, the usual case for a whole JSON answer. On HTTP/2 it
 * matters for correctness too: a response that ends with its head (gRPC's trailers-only answer, which carries
 * {@code grpc-status} in the head) must leave as one HEADERS frame with END_STREAM. Written separately it would
 * become HEADERS and then an empty DATA frame ending the stream, which gRPC clients reject as a response
 * without a status.
 */
final class DownstreamResponseSink implements ResponseSink {
    /** Looked up in every response: a cached name is not hashed again each time. */
    private static final AsciiString GRPC_STATUS = AsciiString.cached("grpc-status");

    private final DownstreamExchange exchange;
    private final ResponseFraming framing;
    private final Runnable flushTask = this::flushNow;
    private Runnable writabilityListener;
    private boolean headSent;
    private boolean done;
    private boolean bodyless;
    private boolean chunked;
    private boolean closeAfter;
    private boolean flushScheduled;
    /** A head not written yet, and the first chunk of its body if one came; see the class comment. */
    private HttpResponse pendingHead;
    private ByteBuf pendingBody;
    /** Whether something was written that no flush has sent yet. */
    private boolean unflushed;
    private int status;
    /** The gRPC status a gRPC client was given (trailers, or a trailers-only head), for the access log. */
    private String grpcStatus;
    private long bytesSent;

    DownstreamResponseSink(DownstreamExchange exchange, ResponseFraming framing) {
        this.exchange = exchange;
        this.framing = framing;
    }

    @Override
    public void sendHead(ResponseHead head) {
        if (done || headSent) {
            return;
        }
        headSent = true;
        status = head.status();
        HttpHeaders headers = head.headers();
        noteGrpcStatus(headers);
        HopByHopHeaders.strip(headers);
        HttpResponse response = new DefaultHttpResponse(framing.http2() ? HttpVersion.HTTP_1_1 : framing.version(),
                HttpResponseStatus.valueOf(status), headers);
        bodyless = framing.headRequest() || status == 204 || status == 304 || status < 200;
        if (!framing.http2()) {
            frameForHttp1(response);
        }
        pendingHead = response;
        scheduleFlush();
    }

    private void writePending() {
        if (pendingHead != null) {
            channel().write(pendingHead);
            pendingHead = null;
            unflushed = true;
        }
        if (pendingBody != null) {
            channel().write(new DefaultHttpContent(pendingBody));
            pendingBody = null;
            unflushed = true;
        }
    }

    private void frameForHttp1(HttpResponse response) {
        HttpHeaders headers = response.headers();
        closeAfter = !framing.keepAlive() || !exchange.requestComplete() || exchangeDraining();
        if (!bodyless && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            if (framing.version() == HttpVersion.HTTP_1_0) {
                closeAfter = true; // the end of the body is the end of the connection
            } else {
                chunked = true;
                headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            }
        }
        if (closeAfter) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (framing.version() == HttpVersion.HTTP_1_0) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }

    @Override
    public void sendData(ByteBuf chunk) {
        if (done || !headSent || bodyless || !chunk.isReadable()) {
            chunk.release();
            return;
        }
        bytesSent += chunk.readableBytes();
        if (pendingHead != null && pendingBody == null) {
            pendingBody = chunk; // may be the whole body: see the class comment
            return;
        }
        writePending();
        channel().write(new DefaultHttpContent(chunk));
        unflushed = true;
        scheduleFlush();
    }

    @Override
    public void sendEnd(HttpHeaders trailers) {
        if (done || !headSent) {
            return;
        }
        done = true;
        noteGrpcStatus(trailers);
        Object last = LastHttpContent.EMPTY_LAST_CONTENT;
        boolean trailing = !trailers.isEmpty() && (framing.http2() || chunked);
        if (pendingHead != null && !trailing) {
            // The whole response in one message; on HTTP/2 a bodyless one is one HEADERS frame with END_STREAM
            // (Http2StreamFrameToHttpObjectCodec's encoding of a full response with neither content nor trailers).
            last = new DefaultFullHttpResponse(pendingHead.protocolVersion(), pendingHead.status(),
                    pendingBody != null ? pendingBody : Unpooled.EMPTY_BUFFER, pendingHead.headers(),
                    EmptyHttpHeaders.INSTANCE);
            pendingHead = null;
            pendingBody = null;
        } else if (trailing) {
            LastHttpContent withTrailers = new DefaultLastHttpContent();
            withTrailers.trailingHeaders().set(trailers);
            last = withTrailers;
        }
        writePending();
        unflushed = false;
        boolean close = closeAfter;
        channel().writeAndFlush(last).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                exchange.finish(true);
            }
        });
        exchange.finish(close);
    }

    @Override
    public void sendError(GatewayException error) {
        if (done) {
            return;
        }
        exchange.error(error);
        if (headSent) {
            // The status is committed: the only honest signal left is to abort the stream or connection.
            done = true;
            writePending();
            channel().flush();
            channel().close();
            exchange.finish(true);
            return;
        }
        headSent = true;
        done = true;
        status = error.kind().httpStatus();
        RequestHead request = exchange.request(); // none yet when the request itself could not be read
        FullHttpResponse response = ClientProtocolError.render(error,
                request == null ? null : request.headers().get(HttpHeaderNames.CONTENT_TYPE), channel().alloc(),
                framing.http2() ? HttpVersion.HTTP_1_1 : framing.version());
        noteGrpcStatus(response.headers());
        bytesSent += response.content().readableBytes();
        boolean close = false;
        if (!framing.http2()) {
            close = !framing.keepAlive() || !exchange.requestComplete() || exchangeDraining();
            if (close) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
        }
        if (framing.headRequest()) {
            response.content().clear();
        }
        channel().writeAndFlush(response);
        exchange.finish(close);
    }

    @Override
    public boolean isWritable() {
        return channel().isWritable();
    }

    @Override
    public void onWritabilityChanged(Runnable listener) {
        this.writabilityListener = listener;
    }

    @Override
    public boolean isHeadSent() {
        return headSent;
    }

    @Override
    public boolean isDone() {
        return done;
    }

    void writabilityChanged() {
        Runnable listener = writabilityListener;
        if (listener != null && !done) {
            listener.run();
        }
    }

    /** The handshake's answer went out on the session's own terms; the exchange's response is over. */
    void markSwitched(int switchedStatus) {
        headSent = true;
        done = true;
        status = switchedStatus;
    }

    void markCancelled() {
        if (!done) {
            done = true;
            if (status == 0) {
                status = 499;
            }
        }
    }

    int status() {
        return status;
    }

    /** The grpc-status sent, or null when the answer carried none. */
    String grpcStatus() {
        return grpcStatus;
    }

    private void noteGrpcStatus(HttpHeaders headers) {
        String value = headers.get(GRPC_STATUS);
        if (value != null && !value.isEmpty() && value.length() <= 3 && value.chars().allMatch(Character::isDigit)) {
            grpcStatus = value;
        }
    }

    long bytesSent() {
        return bytesSent;
    }

    private boolean exchangeDraining() {
        return exchange.draining();
    }

    private Channel channel() {
        return exchange.channel();
    }

    private void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            channel().eventLoop().execute(flushTask);
        }
    }

    private void flushNow() {
        flushScheduled = false;
        writePending();
        if (unflushed) {
            unflushed = false;
            channel().flush();
        }
    }
}
