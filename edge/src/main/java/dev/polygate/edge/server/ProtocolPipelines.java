package dev.polygate.edge.server;

import dev.polygate.edge.config.LimitsConfig;
import dev.polygate.edge.exchange.HttpExchangeHandler;
import dev.polygate.edge.exchange.ServerContext;
import dev.polygate.edge.websocket.ExtendedConnectReader;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.AsciiString;
import java.time.Duration;

/** Sets up a connection's pipeline for HTTP/1.1 (optionally with the h2c upgrade) or for HTTP/2. */
final class ProtocolPipelines {
    private static final int UPGRADE_REQUEST_LIMIT = 64 * 1024;

    private final ServerContext server;
    private final LimitsConfig limits;
    private final Duration drainTimeout;
    /** RFC 8441 on this listener's HTTP/2 connections: the setting advertised and {@code :protocol} taken. */
    private final boolean extendedConnect;

    ProtocolPipelines(ServerContext server, Duration drainTimeout, boolean extendedConnect) {
        this.server = server;
        this.limits = server.limits();
        this.drainTimeout = drainTimeout;
        this.extendedConnect = extendedConnect;
    }

    void http1(ChannelPipeline pipeline, boolean secure, boolean offerH2cUpgrade) {
        pipeline.addLast("idle", idleHandler());
        Http1ServerCodec codec = new Http1ServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxInitialLineLength())
                .setMaxHeaderSize(limits.maxHeaderSize())
                .setMaxChunkSize(64 * 1024)
                .setValidateHeaders(true));
        pipeline.addLast("http1", codec);
        if (offerH2cUpgrade) {
            pipeline.addLast("h2c-upgrade", new HttpServerUpgradeHandler(codec, protocol ->
                    AsciiString.contentEquals("h2c", protocol)
                            ? upgradeCodec(secure) : null, UPGRADE_REQUEST_LIMIT));
        }
        pipeline.addLast("exchange", new HttpExchangeHandler(server, false, secure));
    }

    void http2(ChannelPipeline pipeline, boolean secure) {
        Http2FrameCodec codec = frameCodec();
        pipeline.addLast("idle", idleHandler());
        pipeline.addLast("h2", codec);
        pipeline.addLast("h2-streams", new Http2MultiplexHandler(streamInitializer(secure)));
        pipeline.addLast("h2-idle", new Http2IdleCloser(codec));
    }

    private Http2ServerUpgradeCodec upgradeCodec(boolean secure) {
        Http2FrameCodec codec = frameCodec();
        return new Http2ServerUpgradeCodec(codec, new Http2MultiplexHandler(streamInitializer(secure)),
                new Http2IdleCloser(codec));
    }

    private Http2FrameCodec frameCodec() {
        return new ConformingFrameCodecBuilder()
                .initialSettings(Http2Settings.defaultSettings()
                        .maxConcurrentStreams(limits.maxConcurrentStreams())
                        .maxHeaderListSize(limits.maxHeaderSize())
                        .initialWindowSize(256 * 1024)
                        .connectProtocolEnabled(extendedConnect))
                .decoderEnforceMaxRstFramesPerWindow(limits.maxRstFramesPerMinute(), 60)
                .gracefulShutdownTimeoutMillis(drainTimeout.toMillis())
                .validateHeaders(true)
                .build();
    }

    private ChannelInitializer<Channel> streamInitializer(boolean secure) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel stream) {
                stream.pipeline().addLast(RequestPseudoHeaderCheck.INSTANCE);
                stream.pipeline().addLast(extendedConnect ? ExtendedConnectReader.ADVERTISED
                        : ExtendedConnectReader.NOT_ADVERTISED);
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true, true));
                stream.pipeline().addLast(new HttpExchangeHandler(server, true, secure));
            }
        };
    }

    private ClientIdleCloser idleHandler() {
        return new ClientIdleCloser(limits.clientIdleTimeout().toNanos());
    }
}
