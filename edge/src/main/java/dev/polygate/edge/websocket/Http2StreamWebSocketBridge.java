package dev.polygate.edge.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * On an HTTP/2 stream carrying a WebSocket (RFC 8441): DATA frames in are the byte stream the frame decoder reads,
 * bytes out leave as DATA frames. The client's END_STREAM is the end of its byte stream, like a TCP FIN, and is
 * passed on as {@link #END_OF_STREAM}. Flow control follows reading: a paused stream channel returns no window.
 */
final class Http2StreamWebSocketBridge extends ChannelDuplexHandler {
    /** The user event for the client's END_STREAM. */
    static final Object END_OF_STREAM = new Object();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        boolean end;
        if (msg instanceof Http2DataFrame data) {
            end = data.isEndStream();
            ByteBuf content = data.content();
            if (content.isReadable()) {
                ctx.fireChannelRead(content); // ownership passes on with the bytes
            } else {
                content.release();
            }
        } else {
            end = msg instanceof Http2HeadersFrame headers && headers.isEndStream();
            ReferenceCountUtil.release(msg);
        }
        if (end) {
            ctx.fireUserEventTriggered(END_OF_STREAM);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg instanceof ByteBuf bytes ? new DefaultHttp2DataFrame(bytes) : msg, promise);
    }
}
