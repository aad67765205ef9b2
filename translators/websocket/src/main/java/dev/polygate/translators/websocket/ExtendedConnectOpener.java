package dev.polygate.translators.websocket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.util.AsciiString;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import java.net.URI;
import java.nio.channels.ClosedChannelException;

/**
 * The connection side of an RFC 8441 handshake with the backend, on the HTTP/2 connection: after ALPN agreed on h2
 * (over TLS), waits for the server's first SETTINGS; without {@code SETTINGS_ENABLE_CONNECT_PROTOCOL = 1} the backend
 * cannot take a WebSocket over HTTP/2 and the handshake fails. Otherwise it opens a stream whose pipeline carries
 * WebSocket frames in DATA frames (masked, as a client's: the framing is RFC 6455's) and sends the extended CONNECT.
 */
final class ExtendedConnectOpener extends ChannelInboundHandlerAdapter {
    /** The backend speaks no HTTP/2, or HTTP/2 without extended CONNECT: no WebSocket can reach it this way. */
    static final class NoWebSocketOverHttp2 extends Exception {
        private static final long serialVersionUID = 1L;

        NoWebSocketOverHttp2(String message) {
            super(message, null, false, false);
        }
    }

    private static final AttributeKey<Boolean> GRACEFUL_GOAWAY = AttributeKey.valueOf("polygate.ws.h2.gracefulGoAway");
    private static final AsciiString PROTOCOL = Http2Headers.PseudoHeaderName.PROTOCOL.value();

    private final URI uri;
    private final String subprotocols;
    private final HttpHeaders headers;
    private final int maxFrameSize;
    private final Promise<BackendHandshake.Accepted> result;
    private boolean settingsSeen;

    ExtendedConnectOpener(URI uri, String subprotocols, HttpHeaders headers, int maxFrameSize,
                          Promise<BackendHandshake.Accepted> result) {
        this.uri = uri;
        this.subprotocols = subprotocols;
        this.headers = headers;
        this.maxFrameSize = maxFrameSize;
        this.result = result;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                result.tryFailure(tlsFailure(done.cause()));
                ctx.close();
            } else {
                String protocol = ctx.pipeline().get(SslHandler.class).applicationProtocol();
                if (!"h2".equals(protocol)) {
                    result.tryFailure(new NoWebSocketOverHttp2("it did not agree to HTTP/2 by ALPN"
                            + (protocol == null ? "" : " (it chose " + protocol + ")")));
                    ctx.close();
                }
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    /**
     * A TLS server that takes ALPN but none of the protocols offered (h2 alone here) ends the handshake: with the
     * {@code no_application_protocol} alert, or (Jetty) by closing the connection.
     */
    private static Throwable tlsFailure(Throwable cause) {
        if (cause instanceof SslHandshakeTimeoutException) {
            return new BackendConnector.TimedOut();
        }
        if (String.valueOf(cause.getMessage()).contains("no_application_protocol")) {
            return new NoWebSocketOverHttp2("it did not agree to HTTP/2 by ALPN (it refused the TLS handshake "
                    + "offering h2 alone with no_application_protocol)");
        }
        if (cause instanceof ClosedChannelException) {
            return new NoWebSocketOverHttp2("it did not agree to HTTP/2 by ALPN (it closed the connection during the "
                    + "TLS handshake offering h2 alone)");
        }
        return cause;
    }

    /**
     * Whether the backend's end of this session's stream came after a GOAWAY with NO_ERROR on its connection: the
     * backend shut the connection down on purpose (RFC 9113 section 6.8), which a WebSocket client is told as 1001
     * (going away, RFC 6455 section 7.4.1) rather than as a failure.
     */
    static boolean wentAwayGracefully(Channel backend) {
        return backend instanceof Http2StreamChannel stream && stream.parent().hasAttr(GRACEFUL_GOAWAY);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2GoAwayFrame goAway) {
            if (goAway.errorCode() == Http2Error.NO_ERROR.code()) {
                ctx.channel().attr(GRACEFUL_GOAWAY).set(Boolean.TRUE);
            }
            goAway.release();
            return;
        }
        if (!(msg instanceof Http2SettingsFrame settings) || settingsSeen) {
            ReferenceCountUtil.release(msg);
            return;
        }
        settingsSeen = true;
        if (!Boolean.TRUE.equals(settings.settings().connectProtocolEnabled())) {
            result.tryFailure(new NoWebSocketOverHttp2("its HTTP/2 SETTINGS do not enable extended CONNECT "
                    + "(SETTINGS_ENABLE_CONNECT_PROTOCOL, RFC 8441)"));
            ctx.close();
            return;
        }
        Channel connection = ctx.channel();
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
                return;
            }
            Http2StreamChannel stream = (Http2StreamChannel) f.getNow();
            // One connection per session: when the session's stream ends, so does the connection.
            stream.closeFuture().addListener((ChannelFutureListener) closed -> connection.close());
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

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        result.tryFailure(new BackendHandshake.Refused(0, "the backend closed the HTTP/2 connection during the handshake"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        result.tryFailure(cause);
        ctx.close();
    }
}
