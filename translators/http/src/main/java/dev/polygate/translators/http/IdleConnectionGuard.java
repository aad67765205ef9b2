package dev.polygate.translators.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits before the exchange's handler on a pooled HTTP/1.1 connection. A response that arrives while no
 * exchange owns the connection answers nothing we asked: the connection's framing can no longer be trusted,
 * so it is closed rather than handed to the next exchange.
 */
final class IdleConnectionGuard extends ChannelInboundHandlerAdapter {
    private final UpstreamConnection connection;

    IdleConnectionGuard(UpstreamConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (connection.isLeased()) {
            ctx.fireChannelRead(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (connection.isLeased()) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        ctx.close();
    }
}
