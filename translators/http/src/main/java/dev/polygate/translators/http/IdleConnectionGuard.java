package dev.polygate.translators.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a pooled HTTP/1.1 connection. While an exchange owns the connection it hands every
 * event to that exchange's {@link ResponseRelay}, so no handler is added to or removed from the pipeline per
 * exchange. A response that arrives while no exchange owns the connection answers nothing we asked: the
 * connection's framing can no longer be trusted, so it is closed rather than handed to the next exchange.
 */
final class IdleConnectionGuard extends ChannelInboundHandlerAdapter {
    private final UpstreamConnection connection;
    private ResponseRelay relay;
    private ChannelHandlerContext ctx;

    IdleConnectionGuard(UpstreamConnection connection) {
        this.connection = connection;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    /** The exchange that now owns the connection; its relay gets this handler's context. */
    ChannelHandlerContext attach(ResponseRelay owner) {
        this.relay = owner;
        return ctx;
    }

    void detach(ResponseRelay owner) {
        if (relay == owner) {
            relay = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (connection.isLeased()) {
            if (relay != null) {
                relay.channelRead(ctx, msg);
            } else {
                ctx.fireChannelRead(msg);
            }
            return;
        }
        ReferenceCountUtil.release(msg);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (connection.isLeased()) {
            if (relay != null) {
                relay.exceptionCaught(ctx, cause);
            } else {
                ctx.fireExceptionCaught(cause);
            }
            return;
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (relay != null) {
            relay.channelInactive(ctx);
        } else {
            ctx.fireChannelInactive();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (relay != null) {
            relay.channelWritabilityChanged(ctx);
        } else {
            ctx.fireChannelWritabilityChanged();
        }
    }
}
