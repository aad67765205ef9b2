package dev.polygate.translators.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * The first handler of an RFC 8441 stream to the backend: the stream's DATA frames carry the WebSocket's bytes
 * (RFC 8441 section 5), so their content goes up to the WebSocket frame decoder and the encoder's bytes go down as
 * DATA frames. The response's HEADERS pass to the handshake; the backend ending or resetting its stream ends the
 * session.
 *
 * <p>A session whose close handshake completed ({@link #closeAfterHandshake}) ends its stream as a finished
 * WebSocket does (RFC 8441 section 5: END_STREAM each way), not with RST_STREAM: a reset that overtakes the
 * backend's own close frame on its way out makes it report an abnormal closure (1006) although the handshake
 * completed. The stream is closed once the backend ends its side too, or after a short grace if it does not. Every
 * other end of a session (the client gone, a failure) resets the stream at once.
 */
final class Http2StreamBytes extends ChannelDuplexHandler {
    /** How long a stream we ended waits for the backend to end its side before it is reset. */
    private static final long END_GRACE_MILLIS = 1_000;

    private boolean headersSeen;
    private boolean sentEnd;
    private boolean receivedEnd;
    private boolean handshakeDone;

    /** Closes a backend channel whose WebSocket close handshake completed: gracefully when it is an HTTP/2 stream. */
    static void closeAfterHandshake(Channel backend) {
        handshakeDone(backend);
        backend.close();
    }

    /**
     * Marks a backend channel's close handshake complete before anything that may close it runs (the client's side
     * closing as it receives the last close frame), so that any close from then on ends the stream gracefully.
     */
    static void handshakeDone(Channel backend) {
        Http2StreamBytes bytes = backend.pipeline().get(Http2StreamBytes.class);
        if (bytes != null) {
            bytes.handshakeDone = true; // the relay runs on the backend channel's event loop
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2DataFrame data) {
            boolean end = data.isEndStream();
            receivedEnd |= end;
            ctx.fireChannelRead(data.content());
            if (end) {
                ctx.close();
            }
        } else if (msg instanceof Http2HeadersFrame headers && !headersSeen) {
            headersSeen = true;
            receivedEnd |= headers.isEndStream();
            ctx.fireChannelRead(headers);
        } else {
            boolean end = msg instanceof Http2HeadersFrame trailers && trailers.isEndStream();
            ReferenceCountUtil.release(msg); // trailers: nothing a WebSocket has a use for
            if (end) {
                receivedEnd = true;
                ctx.close();
            }
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof Http2ResetFrame) {
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf bytes) {
            ctx.write(new DefaultHttp2DataFrame(bytes), promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (sentEnd && ctx.channel().isOpen()) {
            // ending already: a later close (the client's side going away) waits for that end, within its grace,
            // instead of resetting a stream whose backend may not have read the close handshake's end yet
            ctx.channel().closeFuture().addListener(closed -> promise.trySuccess());
            return;
        }
        if (!handshakeDone || !headersSeen || !ctx.channel().isActive()) {
            ctx.close(promise);
            return;
        }
        sentEnd = true;
        ctx.writeAndFlush(new DefaultHttp2DataFrame(true));
        if (receivedEnd) {
            ctx.close(promise); // both sides ended: the stream is closed without a reset
            return;
        }
        // the backend's END_STREAM closes the channel (channelRead); a backend that never sends it is reset
        ctx.channel().closeFuture().addListener(closed -> promise.trySuccess());
        ctx.executor().schedule(() -> {
            if (ctx.channel().isOpen()) {
                ctx.close();
            }
        }, END_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }
}
