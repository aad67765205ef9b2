package dev.polygate.translators.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * The first handler of an RFC 8441 stream to the backend: the stream's DATA frames carry the WebSocket's bytes
 * (RFC 8441 section 5), so their content goes up to the WebSocket frame decoder and the encoder's bytes go down as
 * DATA frames. The response's HEADERS pass to the handshake; the backend ending or resetting its stream ends the
 * session.
 */
final class Http2StreamBytes extends ChannelDuplexHandler {
    private boolean headersSeen;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2DataFrame data) {
            boolean end = data.isEndStream();
            ctx.fireChannelRead(data.content());
            if (end) {
                ctx.close();
            }
        } else if (msg instanceof Http2HeadersFrame headers && !headersSeen) {
            headersSeen = true;
            ctx.fireChannelRead(headers);
        } else {
            ReferenceCountUtil.release(msg); // trailers: nothing a WebSocket has a use for
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
}
