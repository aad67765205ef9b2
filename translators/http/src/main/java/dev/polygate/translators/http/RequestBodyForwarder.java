package dev.polygate.translators.http;

import dev.polygate.spi.BodySubscriber;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.RequestBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Streams the client's body to the upstream chunk by chunk. When the upstream channel's outbound buffer
 * fills, reading from the client pauses until it drains: at most a high-water mark is ever held.
 *
 * <p>A chunk that completes the declared length is kept back for the end, which is due with it: a body that
 * arrives whole (a small REST body, an envelope the gateway wrote) then leaves as one last content, one trip
 * through the pipeline and one flush instead of two. Should the end be slow to come after all, the chunk
 * leaves at the end of the event-loop task that delivered it.
 */
final class RequestBodyForwarder implements BodySubscriber {
    private final ProxiedExchange exchange;
    private final RequestBody body;
    private final ChannelFutureListener writeOutcome;
    /** What arrived while there was no target (a retry finding its connection); the body is paused then. */
    private final ArrayDeque<HttpContent> held = new ArrayDeque<>(2);
    private final EventLoop loop;
    private final Runnable sendKeptBack = this::sendKeptBack;
    /** The chunk that completed the declared length, waiting for the end; see the class comment. */
    private ByteBuf keptBack;
    private long delivered;
    private Channel target;
    private boolean paused;
    private boolean stopped;
    private boolean sentData;
    private boolean ended;

    RequestBodyForwarder(ProxiedExchange exchange, RequestBody body, EventLoop loop) {
        this.exchange = exchange;
        this.body = body;
        this.loop = loop;
        this.writeOutcome = f -> {
            if (f.isSuccess()) {
                exchange.requestProgress();
            } else {
                exchange.requestWriteFailed(f.channel(), f.cause());
            }
        };
    }

    /** Whether any part of the body left for the upstream: after that, the request cannot be replayed. */
    boolean startedSending() {
        return sentData || ended;
    }

    /** Where chunks go; null holds the body back while a retry finds a new connection. */
    void target(Channel channel) {
        this.target = channel;
        if (channel == null) {
            pause();
            return;
        }
        HttpContent content;
        while (!stopped && target == channel && (content = held.poll()) != null) {
            send(content);
        }
        if (!stopped && target == channel && channel.isWritable()) {
            resume();
        }
    }

    @Override
    public void onData(ByteBuf chunk) {
        if (stopped) {
            chunk.release();
            return;
        }
        sendKeptBack();
        delivered += chunk.readableBytes();
        if (delivered == body.declaredLength()) {
            keptBack = chunk;
            loop.execute(sendKeptBack);
            return;
        }
        send(new DefaultHttpContent(chunk));
    }

    @Override
    public void onEnd(HttpHeaders trailers) {
        if (stopped) {
            return;
        }
        LastHttpContent last;
        if (trailers == null || trailers.isEmpty()) {
            last = keptBack != null ? new DefaultLastHttpContent(keptBack) : LastHttpContent.EMPTY_LAST_CONTENT;
            keptBack = null;
        } else {
            sendKeptBack();
            last = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
            last.trailingHeaders().set(trailers);
        }
        send(last);
        exchange.requestBodyEnded();
    }

    private void sendKeptBack() {
        ByteBuf chunk = keptBack;
        if (chunk != null) {
            keptBack = null;
            if (stopped) {
                chunk.release();
            } else {
                send(new DefaultHttpContent(chunk));
            }
        }
    }

    @Override
    public void onError(GatewayException error) {
        if (!stopped) {
            stopped = true;
            releaseHeld();
            exchange.requestBodyFailed(error);
        }
    }

    void upstreamWritabilityChanged() {
        if (target != null && target.isWritable() && !stopped) {
            resume();
        }
    }

    /** The exchange is over: whatever of the body still comes is released as it arrives. */
    void stop() {
        stopped = true;
        releaseHeld();
        resume();
    }

    private void send(HttpContent content) {
        Channel channel = target;
        if (channel == null) {
            held.add(content);
            return;
        }
        if (content instanceof LastHttpContent) {
            ended = true;
        } else {
            sentData = true;
        }
        channel.writeAndFlush(content).addListener(writeOutcome);
        // The write's failure may already have ended the exchange and moved the target.
        if (!stopped && target == channel && !channel.isWritable()) {
            pause();
        }
    }

    private void releaseHeld() {
        HttpContent content;
        while ((content = held.poll()) != null) {
            ReferenceCountUtil.release(content);
        }
        if (keptBack != null) {
            keptBack.release();
            keptBack = null;
        }
    }

    private void pause() {
        if (!paused) {
            paused = true;
            body.pause();
        }
    }

    private void resume() {
        if (paused) {
            paused = false;
            body.resume();
        }
    }
}
