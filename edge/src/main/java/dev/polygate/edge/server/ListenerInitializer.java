package dev.polygate.edge.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;

/**
 * Sets up each accepted connection: TLS with SNI and ALPN, or cleartext with h2c detection; on a listener behind an L4
 * balancer, after the PROXY protocol header that comes first.
 */
final class ListenerInitializer extends ChannelInitializer<Channel> {
    private final ProtocolPipelines pipelines;
    private final Mapping<String, SslContext> sni;
    private final boolean http2;
    private final ChannelGroup connections;
    /** How long a PROXY protocol header may take to arrive; 0 when the listener expects none. */
    private final long proxyHeaderTimeoutNanos;

    /**
     * @param sni null for a cleartext listener
     * @param proxyHeaderTimeoutNanos 0 on a listener without the PROXY protocol
     */
    ListenerInitializer(ProtocolPipelines pipelines, Mapping<String, SslContext> sni, boolean http2,
                        ChannelGroup connections, long proxyHeaderTimeoutNanos) {
        this.pipelines = pipelines;
        this.sni = sni;
        this.http2 = http2;
        this.connections = connections;
        this.proxyHeaderTimeoutNanos = proxyHeaderTimeoutNanos;
    }

    @Override
    protected void initChannel(Channel channel) {
        connections.add(channel);
        // Pipelined HTTP/1.1 answers and many HTTP/2 streams leave in fewer system calls. Flushes outside a read
        // pass straight through: the response sink already coalesces those per event-loop task.
        channel.pipeline().addLast("flush", new FlushConsolidationHandler(256, false));
        if (proxyHeaderTimeoutNanos > 0) {
            channel.pipeline().addLast("proxy-decoder", ProxyProtocolReader.decoder());
            channel.pipeline().addLast("proxy", new ProxyProtocolReader(proxyHeaderTimeoutNanos, this::protocols));
        } else {
            protocols(channel);
        }
    }

    private void protocols(Channel channel) {
        if (sni != null) {
            channel.pipeline().addLast("sni", new SniHandler(sni, 16 * 1024, 10_000));
            channel.pipeline().addLast("alpn", new AlpnPipelineSelector(pipelines));
        } else if (http2) {
            channel.pipeline().addLast("detect", new CleartextProtocolDetector(pipelines));
        } else {
            pipelines.http1(channel.pipeline(), false, false);
        }
    }
}
