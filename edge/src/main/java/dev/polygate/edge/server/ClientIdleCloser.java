package dev.polygate.edge.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tells the connection's handlers when no bytes have arrived for the idle timeout, so they can close it if
 * no exchange is in progress. Unlike Netty's IdleStateHandler it watches reads only and adds no listener to
 * each write: one timestamp per read and one timer per connection, not per request.
 */
final class ClientIdleCloser extends ChannelDuplexHandler {
    private final long timeoutNanos;
    private long lastRead;
    private ScheduledFuture<?> check;

    ClientIdleCloser(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        lastRead = System.nanoTime();
        if (ctx.channel().isActive()) {
            schedule(ctx, timeoutNanos);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (check == null) {
            schedule(ctx, timeoutNanos);
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastRead = System.nanoTime();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        check = ctx.executor().schedule(() -> {
            long quiet = System.nanoTime() - lastRead;
            if (quiet >= timeoutNanos) {
                // Handlers close the connection only when no exchange is running; otherwise look again later.
                ctx.fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
                if (ctx.channel().isActive()) {
                    schedule(ctx, timeoutNanos);
                }
            } else {
                schedule(ctx, timeoutNanos - quiet);
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
