package dev.polygate.edge.websocket;

import dev.polygate.edge.config.WebSocketConfig;
import dev.polygate.edge.exchange.HttpExchangeHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;

/**
 * Turns a connection (HTTP/1.1) or a stream (HTTP/2) that answered a WebSocket handshake into a WebSocket pipeline:
 * the HTTP handlers leave, the frame codec (Netty's RFC 6455 decoder with the gateway's Close-frame check, which fails the connection with 1002 on
 * unmasked frames, reserved bits or opcodes, bad control frames and fragmentation, and with 1009 on a frame over the
 * limit), permessage-deflate when agreed, the UTF-8 check of text messages across fragments (1007), and the session.
 */
final class WebSocketPipeline {
    private WebSocketPipeline() {
    }

    static void install(ChannelPipeline pipeline, boolean http2, WebSocketConfig config,
                        PerMessageDeflate deflate, WebSocketSessionHandler session) {
        String anchor = pipeline.context(HttpExchangeHandler.class).name();
        if (http2) {
            pipeline.addBefore(anchor, "ws-h2", new Http2StreamWebSocketBridge());
        }
        pipeline.addBefore(anchor, "ws-encoder", new WebSocket13FrameEncoder(false));
        pipeline.addBefore(anchor, "ws-decoder", new CloseFrameCheckingDecoder(WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(config.maxFrameSize())
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                .allowExtensions(deflate != null)
                .closeOnProtocolViolation(true)
                .withUTF8Validator(true)
                .build()));
        if (deflate != null) {
            pipeline.addBefore(anchor, "ws-deflate-encoder", deflate.newCompressor());
            pipeline.addBefore(anchor, "ws-deflate-decoder", deflate.newInflater());
        }
        pipeline.addBefore(anchor, "ws-utf8", new Utf8FrameValidator(true));
        pipeline.addBefore(anchor, "ws-session", session);
        pipeline.remove(anchor);
        if (http2) {
            pipeline.remove(Http2StreamFrameToHttpObjectCodec.class);
        } else {
            if (pipeline.get(HttpServerUpgradeHandler.class) != null) {
                pipeline.remove(HttpServerUpgradeHandler.class);
            }
            // Last: bytes the HTTP decoder holds go on to the frame decoder.
            pipeline.remove("http1");
        }
    }
}
