package dev.polygate.translators.http;

import dev.polygate.spi.HopByHopHeaders;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.ResponseSink;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * The exchange's handler on the upstream connection (HTTP/1.1) or stream (HTTP/2): relays the response's
 * HttpObjects to the client's sink as they arrive, and stops reading while the client cannot keep up.
 */
final class ResponseRelay extends ChannelInboundHandlerAdapter {
    static final String NAME = "response-relay";

    private final ProxiedExchange exchange;
    private final ResponseSink sink;
    private final ExchangeTimers timers;
    private final boolean http2;
    private ChannelHandlerContext ctx;
    private IdleConnectionGuard guard;
    private boolean headReceived;
    private boolean skippingInterim;
    private boolean keepAlive = true;
    private boolean ended;
    private boolean readingPaused;
    private boolean refusedByGoAway;
    private Http2Error reset;

    ResponseRelay(ProxiedExchange exchange, ResponseSink sink, ExchangeTimers timers, boolean http2) {
        this.exchange = exchange;
        this.sink = sink;
        this.timers = timers;
        this.http2 = http2;
    }

    boolean headReceived() {
        return headReceived;
    }

    /** The server's GOAWAY says it never processed this stream: it is safe to send again elsewhere. */
    boolean refusedByGoAway() {
        return refusedByGoAway;
    }

    Http2Error reset() {
        return reset;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (ended || !(msg instanceof HttpObject object)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        timers.activity();
        if (object.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            exchange.responseMalformed(this, object.decoderResult().cause());
            return;
        }
        if (msg instanceof HttpResponse response && !onHead(response)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpContent content) {
            onContent(content);
        }
    }

    /** @return whether the message goes on to be relayed (it is the final response's head) */
    private boolean onHead(HttpResponse response) {
        int status = response.status().code();
        if (headReceived) {
            exchange.responseMalformed(this, "a second response head");
            return false;
        }
        if (status == 101) {
            exchange.responseMalformed(this, "101 Switching Protocols though no upgrade was asked for");
            return false;
        }
        if (status < 200) {
            // 1xx interim responses are dropped. An HTTP/1.1 one is followed by an empty last chunk to skip.
            skippingInterim = !(response instanceof LastHttpContent);
            return false;
        }
        skippingInterim = false;
        headReceived = true;
        keepAlive = http2 || HttpUtil.isKeepAlive(response);
        HttpHeaders headers = response.headers();
        HopByHopHeaders.strip(headers);
        sink.sendHead(new ResponseHead(status, headers));
        return true;
    }

    private void onContent(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (skippingInterim || !headReceived) {
            content.release();
            skippingInterim &= !last;
            return;
        }
        HttpHeaders trailers = last ? ((LastHttpContent) content).trailingHeaders() : null;
        ByteBuf data = content.content();
        if (data.isReadable()) {
            sink.sendData(data);
        } else {
            data.release();
        }
        if (last) {
            ended = true;
            if (!trailers.isEmpty()) {
                HopByHopHeaders.strip(trailers);
            }
            exchange.responseEnded(this, keepAlive, trailers);
        } else if (!sink.isWritable()) {
            pauseReading();
        }
    }

    private void pauseReading() {
        readingPaused = true;
        ctx.channel().config().setAutoRead(false);
        timers.suspendIdle();
    }

    /** The client's side drained: read from the upstream again. */
    void sinkWritabilityChanged() {
        if (readingPaused && !ended && sink.isWritable()) {
            readingPaused = false;
            timers.resumeIdle();
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** Takes over an HTTP/1.1 connection through its guard, which forwards every event here. */
    void attachTo(IdleConnectionGuard guard) {
        this.guard = guard;
        this.ctx = guard.attach(this);
    }

    /** Lets go of the connection so it can serve another exchange as it was. */
    void detach() {
        ended = true;
        if (guard != null) {
            guard.detach(this);
            ctx.channel().config().setAutoRead(true);
        } else if (ctx != null && !ctx.isRemoved()) {
            ctx.channel().config().setAutoRead(true);
            ctx.pipeline().remove(this);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!ended) {
            exchange.upstreamClosed(this);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!ended) {
            exchange.upstreamFailed(this, cause);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof Http2ResetFrame resetFrame) {
            reset = Http2Error.valueOf(resetFrame.errorCode());
            refusedByGoAway |= reset == Http2Error.REFUSED_STREAM;
        } else if (event instanceof Http2GoAwayFrame goAway) {
            // Each stream above the last processed id gets its own retained duplicate to release.
            refusedByGoAway = true;
            goAway.release();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        exchange.upstreamWritabilityChanged(this);
        ctx.fireChannelWritabilityChanged();
    }
}
