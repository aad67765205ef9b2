package dev.polygate.translators.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.flush.FlushConsolidationHandler;

/** The handlers of upstream connections and streams, by protocol. */
final class UpstreamPipelines {
    private static final int MAX_INITIAL_LINE = 8 * 1024;
    private static final int MAX_HEADER_SIZE = 64 * 1024;
    private static final int MAX_CHUNK = 64 * 1024;
    /** Past this many flushes joined, the connection is flushed at once. */
    private static final int MAX_FLUSHES_JOINED = 256;

    /** Push is disabled in our SETTINGS, so a stream the server opens is closed (reset) at once. */
    private static final ChannelInitializer<Channel> REJECT_PUSHED_STREAMS = new ChannelInitializer<>() {
        @Override
        protected void initChannel(Channel channel) {
            channel.close();
        }
    };

    private UpstreamPipelines() {
    }

    static void http1(ChannelPipeline pipeline, UpstreamConnection connection) {
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_INITIAL_LINE)
                .setMaxHeaderSize(MAX_HEADER_SIZE)
                .setMaxChunkSize(MAX_CHUNK);
        pipeline.addLast("http1-codec", new HttpClientCodec(decoder, false, false));
        pipeline.addLast("idle-guard", new IdleConnectionGuard(connection));
    }

    static void http2(ChannelPipeline pipeline, UpstreamConnection connection) {
        connection.useHttp2();
        // The streams of one connection flush it one after another, each for a few bytes of its own (calls the
        // gateway makes for WebSocket clients flush once per client read): their flushes are joined into one
        // write at the end of the event-loop task, or of the read, that asked for them.
        pipeline.addLast("flush", new FlushConsolidationHandler(MAX_FLUSHES_JOINED, true));
        pipeline.addLast("http2-codec", Http2FrameCodecBuilder.forClient()
                .initialSettings(Http2Settings.defaultSettings().pushEnabled(false))
                .build());
        pipeline.addLast("http2-multiplex", new Http2MultiplexHandler(REJECT_PUSHED_STREAMS));
        pipeline.addLast("http2-watcher", new Http2ConnectionWatcher(connection));
    }

    /** Each stream speaks HttpObjects, so one exchange handler serves HTTP/1.1 and HTTP/2 alike. */
    static ChannelInitializer<Http2StreamChannel> http2Stream() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Http2StreamChannel channel) {
                channel.pipeline().addLast("http2-to-http", new Http2StreamFrameToHttpObjectCodec(false));
            }
        };
    }
}
