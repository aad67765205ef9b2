package dev.polygate.edge.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/** After the TLS handshake, sets up HTTP/2 or HTTP/1.1 according to what ALPN agreed. */
final class AlpnPipelineSelector extends ApplicationProtocolNegotiationHandler {
    private static final Logger LOG = Logger.getLogger(AlpnPipelineSelector.class.getName());
    private final ProtocolPipelines pipelines;

    AlpnPipelineSelector(ProtocolPipelines pipelines) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.pipelines = pipelines;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            pipelines.http2(ctx.pipeline(), true);
        } else {
            pipelines.http1(ctx.pipeline(), true, false);
        }
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        // Scanners and clients without an acceptable certificate: not the gateway's problem to shout about.
        LOG.log(Level.FINE, "TLS handshake failed with " + ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
