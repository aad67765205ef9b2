package dev.polygate.translators.websocket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.Promise;
import java.net.URI;

/**
 * One session's RFC 8441 stream on a ready HTTP/2 connection to the backend: a stream whose pipeline carries
 * WebSocket frames in DATA frames (masked, as a client's: the framing is RFC 6455's), and the extended CONNECT sent
 * on it. A session that fails or gives up before the backend answers closes its stream, never the connection.
 */
final class ExtendedConnectOpener {
    private static final AsciiString PROTOCOL = Http2Headers.PseudoHeaderName.PROTOCOL.value();

    private final URI uri;
    private final String subprotocols;
    private final HttpHeaders headers;
    private final int maxFrameSize;

    ExtendedConnectOpener(URI uri, String subprotocols, HttpHeaders headers, int maxFrameSize) {
        this.uri = uri;
        this.subprotocols = subprotocols;
        this.headers = headers;
        this.maxFrameSize = maxFrameSize;
    }

    /** @param streamEnded runs once when the stream (opened or not) is over */
    void open(Channel connection, Promise<BackendHandshake.Accepted> result, Runnable streamEnded) {
        new Http2StreamChannelBootstrap(connection).handler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast("h2-bytes", new Http2StreamBytes());
                stream.pipeline().addLast("ws-encoder", new WebSocket13FrameEncoder(true));
                stream.pipeline().addLast("ws-decoder", new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                        .expectMaskedFrames(false).allowExtensions(false).maxFramePayloadLength(maxFrameSize).build()));
                stream.pipeline().addLast("handshake", new ExtendedConnectHandshake(subprotocols, result));
            }
        }).open().addListener(f -> {
            if (!f.isSuccess()) {
                result.tryFailure(f.cause());
                streamEnded.run();
                return;
            }
            Http2StreamChannel stream = (Http2StreamChannel) f.getNow();
            stream.closeFuture().addListener((ChannelFutureListener) closed -> streamEnded.run());
            result.addListener(handshake -> {
                if (!handshake.isSuccess()) {
                    stream.close();
                }
            });
            stream.writeAndFlush(new DefaultHttp2HeadersFrame(connectHeaders(), false)).addListener(written -> {
                if (!written.isSuccess()) {
                    result.tryFailure(written.cause());
                }
            });
        });
    }

    private Http2Headers connectHeaders() {
        Http2Headers out = new DefaultHttp2Headers();
        HttpHeaders copy = headers.copy();
        String authority = copy.get(HttpHeaderNames.HOST);
        copy.remove(HttpHeaderNames.HOST);
        HttpConversionUtil.toHttp2Headers(copy, out);
        out.method("CONNECT").set(PROTOCOL, "websocket").scheme(uri.getScheme().equals("wss") ? "https" : "http")
                .path((uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                .authority(authority != null ? authority : uri.getRawAuthority())
                .set("sec-websocket-version", "13");
        if (subprotocols != null) {
            out.set("sec-websocket-protocol", subprotocols);
        }
        return out;
    }
}
