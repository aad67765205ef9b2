package dev.polygate.edge.exchange;

import dev.polygate.spi.BodySubscriber;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.RequestBody;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayDeque;

/**
 * The request body as the client sends it. Chunks that arrive before anyone subscribed are held, and the
 * channel stops reading meanwhile, so at most one read's worth is ever queued.
 */
final class DownstreamRequestBody implements RequestBody {
    private final DownstreamExchange exchange;
    private final long declaredLength;
    private final boolean empty;
    private boolean expectContinue;
    private final ArrayDeque<HttpContent> pending = new ArrayDeque<>(2);
    private BodySubscriber subscriber;
    private boolean paused;
    private boolean complete;
    private boolean signalled;
    private boolean discarding;
    private HttpHeaders trailers = EmptyHttpHeaders.INSTANCE;
    private GatewayException failure;
    private long received;

    DownstreamRequestBody(DownstreamExchange exchange, long declaredLength, boolean empty, boolean expectContinue) {
        this.exchange = exchange;
        this.declaredLength = declaredLength;
        this.empty = empty;
        this.complete = empty;
        this.expectContinue = expectContinue && !empty;
    }

    @Override
    public void subscribe(BodySubscriber newSubscriber) {
        if (subscriber != null) {
            throw new IllegalStateException("the request body has a subscriber already");
        }
        subscriber = newSubscriber;
        if (expectContinue && !complete && !exchange.sink().isHeadSent()) {
            // The client waits for this before it sends the body; the route has accepted the request.
            expectContinue = false;
            exchange.channel().writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        drain();
        exchange.readingChanged();
    }

    @Override
    public void pause() {
        if (!paused) {
            paused = true;
            exchange.readingChanged();
        }
    }

    @Override
    public void resume() {
        if (paused) {
            paused = false;
            drain();
            exchange.readingChanged();
        }
    }

    @Override
    public long declaredLength() {
        return declaredLength;
    }

    @Override
    public boolean isEmpty() {
        return empty;
    }

    /** True while the channel should not read more of this body. */
    boolean wantsNoMoreData() {
        return !discarding && (paused || subscriber == null || !pending.isEmpty());
    }

    boolean isComplete() {
        return complete;
    }

    long bytesReceived() {
        return received;
    }

    /** A chunk from the codec; the body takes ownership. */
    void offer(HttpContent content) {
        if (complete) {
            content.release();
            return;
        }
        received += content.content().readableBytes();
        if (content instanceof LastHttpContent last) {
            complete = true;
            trailers = last.trailingHeaders();
        }
        if (discarding) {
            content.release();
            return;
        }
        pending.add(content);
        drain();
    }

    /** The codec found the body malformed (bad chunk size, for example). */
    void malformed(String detail) {
        complete = true;
        fail(new GatewayException(ErrorKind.BAD_REQUEST, detail));
    }

    void clientGone() {
        if (!complete) {
            complete = true;
            fail(new GatewayException(ErrorKind.BAD_REQUEST, "the client closed the request before its body was complete"));
        }
    }

    /** The response ended before the body did: whatever else comes is dropped. */
    void discardRemainder() {
        discarding = true;
        releasePending();
    }

    private void fail(GatewayException error) {
        releasePending();
        failure = error;
        if (subscriber != null && !signalled) {
            signalled = true;
            subscriber.onError(error);
        }
    }

    private void drain() {
        if (subscriber == null || signalled) {
            return;
        }
        if (failure != null) {
            signalled = true;
            subscriber.onError(failure);
            return;
        }
        while (!paused && !pending.isEmpty()) {
            HttpContent content = pending.poll();
            boolean last = content instanceof LastHttpContent;
            ByteBuf data = content.content();
            if (data.isReadable()) {
                subscriber.onData(data);
            } else {
                data.release();
            }
            if (last) {
                signalled = true;
                subscriber.onEnd(trailers);
                return;
            }
            if (signalled || subscriber == null) {
                return;
            }
        }
        if (pending.isEmpty() && complete && !signalled && empty) {
            signalled = true;
            subscriber.onEnd(trailers);
        }
    }

    private void releasePending() {
        HttpContent content;
        while ((content = pending.poll()) != null) {
            content.release();
        }
    }
}
