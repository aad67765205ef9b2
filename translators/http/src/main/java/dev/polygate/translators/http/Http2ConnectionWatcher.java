package dev.polygate.translators.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a multiplexed connection: notes GOAWAY so the pool opens a new connection for new
 * streams, and consumes the connection-level frames (SETTINGS, PING, GOAWAY) nobody else wants.
 */
final class Http2ConnectionWatcher extends ChannelInboundHandlerAdapter {
    private final UpstreamConnection connection;

    Http2ConnectionWatcher(UpstreamConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2GoAwayFrame) {
            connection.goingAway();
        }
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // The frame codec has already answered protocol errors; what reaches here leaves the connection unusable.
        ctx.close();
    }
}
