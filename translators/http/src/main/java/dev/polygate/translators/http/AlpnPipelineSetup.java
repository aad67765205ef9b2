package dev.polygate.translators.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.util.concurrent.Promise;

/** Completes a TLS connection's pipeline for the protocol the server picked by ALPN. */
final class AlpnPipelineSetup extends ApplicationProtocolNegotiationHandler {
    private final UpstreamConnection connection;
    private final Promise<UpstreamConnection> ready;

    AlpnPipelineSetup(UpstreamConnection connection, Promise<UpstreamConnection> ready) {
        // A server without ALPN speaks HTTP/1.1.
        super(ApplicationProtocolNames.HTTP_1_1);
        this.connection = connection;
        this.ready = ready;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            UpstreamPipelines.http2(ctx.pipeline(), connection);
        } else if (ApplicationProtocolNames.HTTP_1_1.equals(protocol)) {
            UpstreamPipelines.http1(ctx.pipeline(), connection);
        } else {
            ready.tryFailure(new IllegalStateException("the server chose the unsupported protocol " + protocol));
            ctx.close();
            return;
        }
        ready.trySuccess(connection);
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        ready.tryFailure(cause);
        ctx.close();
    }
}
