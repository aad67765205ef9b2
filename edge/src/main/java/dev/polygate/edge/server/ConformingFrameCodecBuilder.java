package dev.polygate.edge.server;

import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Settings;

/**
 * A server frame codec whose decoder, with every protection the builder adds (RST flood, empty DATA flood), is
 * wrapped in {@link Http2StreamRulesDecoder}.
 */
final class ConformingFrameCodecBuilder extends Http2FrameCodecBuilder {
    ConformingFrameCodecBuilder() {
        server(true);
    }

    @Override
    protected Http2FrameCodec build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder,
                                    Http2Settings initialSettings) {
        return super.build(new Http2StreamRulesDecoder(decoder), encoder, initialSettings);
    }
}
