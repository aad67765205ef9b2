package dev.polygate.edge.server;

import dev.polygate.edge.address.IpLiterals;
import dev.polygate.edge.exchange.ProxiedSource;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The first step of a connection on a listener behind an L4 balancer speaking the PROXY protocol (v1 text or v2
 * binary, told apart by Netty's {@link HAProxyMessageDecoder} in front of this handler). Once the header is read, its
 * source address becomes the connection's peer, the listener's own pipeline (TLS or cleartext) is set up behind, and
 * this step leaves. A {@code LOCAL} header (the balancer's health check) or an {@code UNKNOWN} one keeps the socket's
 * peer.
 *
 * <p>A connection that does not start with a valid header is closed (the decoder closes it and its error ends here);
 * so is one whose header has not arrived whole within the timeout, so a slow or silent client holds nothing for long.
 */
final class ProxyProtocolReader extends ChannelInboundHandlerAdapter {
    /** Room for the TLVs balancers add (AWS, GCP and Azure link ids, SSL facts); a larger v2 header is refused. */
    static final int MAX_TLV_BYTES = 8 * 1024;
    private static final Logger LOG = Logger.getLogger(ProxyProtocolReader.class.getName());

    private final long timeoutNanos;
    private final Consumer<Channel> listenerPipeline;
    private ScheduledFuture<?> deadline;

    /** @param listenerPipeline sets up what follows the header: TLS with ALPN, or cleartext HTTP */
    ProxyProtocolReader(long timeoutNanos, Consumer<Channel> listenerPipeline) {
        this.timeoutNanos = timeoutNanos;
        this.listenerPipeline = listenerPipeline;
    }

    static HAProxyMessageDecoder decoder() {
        return new HAProxyMessageDecoder(MAX_TLV_BYTES);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            startDeadline(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        startDeadline(ctx);
        ctx.fireChannelActive();
    }

    private void startDeadline(ChannelHandlerContext ctx) {
        if (deadline == null) {
            deadline = ctx.executor().schedule(() -> {
                LOG.fine(() -> "no PROXY protocol header from " + ctx.channel().remoteAddress() + " in time");
                ctx.close();
            }, timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header)) {
            ReferenceCountUtil.release(msg); // nothing but the header reaches here while the decoder is in front
            return;
        }
        try {
            InetSocketAddress source = source(header);
            if (source != null) {
                ProxiedSource.set(ctx.channel(), source);
            }
        } finally {
            header.release();
        }
        cancelDeadline();
        listenerPipeline.accept(ctx.channel());
        // The decoder leaves right after this returns and hands what followed the header to the listener's pipeline.
        ctx.pipeline().remove(this);
    }

    /** The client's address, or null when the header names none the gateway can use (LOCAL, UNKNOWN, UNIX). */
    private static InetSocketAddress source(HAProxyMessage header) {
        if (header.command() != HAProxyCommand.PROXY) {
            return null;
        }
        HAProxyProxiedProtocol protocol = header.proxiedProtocol();
        if (protocol.addressFamily() != HAProxyProxiedProtocol.AddressFamily.AF_IPv4
                && protocol.addressFamily() != HAProxyProxiedProtocol.AddressFamily.AF_IPv6) {
            return null;
        }
        return IpLiterals.socketAddress(header.sourceAddress(), header.sourcePort());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, "invalid PROXY protocol header from " + ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelDeadline();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelDeadline();
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
