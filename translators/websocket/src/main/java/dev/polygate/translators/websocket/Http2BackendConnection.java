package dev.polygate.translators.websocket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import java.nio.channels.ClosedChannelException;

/**
 * One HTTP/2 connection to a backend endpoint that carries WebSocket sessions as RFC 8441 streams, on the event loop
 * that opened it. It is ready once ALPN agreed on h2 (over TLS) and the server's first SETTINGS enable extended
 * CONNECT ({@code SETTINGS_ENABLE_CONNECT_PROTOCOL = 1}); without them no WebSocket can reach the backend this way.
 * Then it takes streams while it has fewer than the server's {@code SETTINGS_MAX_CONCURRENT_STREAMS} (at most
 * {@link #MAX_STREAMS}) and the server has not sent GOAWAY; it closes when its last stream ends.
 *
 * <p>Its connection-level receive window covers {@link #MAX_STREAMS} full stream windows, so a session whose client
 * stops reading (its stream's window used up and not given back) never holds the other sessions back.
 */
final class Http2BackendConnection extends ChannelInboundHandlerAdapter {
    /** The backend speaks no HTTP/2, or HTTP/2 without extended CONNECT: no WebSocket can reach it this way. */
    static final class NoWebSocketOverHttp2 extends Exception {
        private static final long serialVersionUID = 1L;

        NoWebSocketOverHttp2(String message) {
            super(message, null, false, false);
        }
    }

    /** The most sessions one connection carries, whatever the server allows. */
    static final int MAX_STREAMS = 100;

    private static final AttributeKey<Boolean> GRACEFUL_GOAWAY = AttributeKey.valueOf("polygate.ws.h2.gracefulGoAway");

    private final Promise<Http2BackendConnection> ready;
    private final Runnable retire;
    private Channel channel;
    private boolean settingsSeen;
    private boolean goingAway;
    private boolean closing;
    private long maxStreams = MAX_STREAMS;
    private int streams;

    /** @param retire called when the connection will take no more streams (to leave the pool); more than once is fine */
    Http2BackendConnection(Promise<Http2BackendConnection> ready, Runnable retire) {
        this.ready = ready;
        this.retire = retire;
    }

    /**
     * Whether the end of a session's stream came after a GOAWAY with NO_ERROR on its connection: the backend shut the
     * connection down on purpose (RFC 9113 section 6.8), which a WebSocket client is told as 1001 (going away, RFC
     * 6455 section 7.4.1) rather than as a failure.
     */
    static boolean wentAwayGracefully(Channel backend) {
        return backend instanceof Http2StreamChannel stream && stream.parent().hasAttr(GRACEFUL_GOAWAY);
    }

    boolean takesAnotherStream() {
        return settingsSeen && !goingAway && !closing && channel.isActive() && streams < maxStreams;
    }

    /** Opens one session's stream; the caller checked {@link #takesAnotherStream()}. */
    void open(ExtendedConnectOpener opener, Promise<BackendHandshake.Accepted> result) {
        streams++;
        opener.open(channel, result, this::streamEnded);
    }

    private void streamEnded() {
        streams--;
        if (streams == 0) {
            closing = true;
            channel.close();
        }
    }

    /** No stream was ever opened or all have ended: a connection set up for a session that gave up. */
    boolean unused() {
        return streams == 0;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                ready.tryFailure(tlsFailure(done.cause()));
                ctx.close();
            } else {
                String protocol = ctx.pipeline().get(SslHandler.class).applicationProtocol();
                if (!"h2".equals(protocol)) {
                    ready.tryFailure(new NoWebSocketOverHttp2("it did not agree to HTTP/2 by ALPN"
                            + (protocol == null ? "" : " (it chose " + protocol + ")")));
                    ctx.close();
                }
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    /**
     * A TLS server that takes ALPN but none of the protocols offered (h2 alone here) ends the handshake: with the
     * {@code no_application_protocol} alert, or (Jetty) by closing the connection, which shows as a closed channel
     * (bare, or under the SSLException of a failed write) or as the engine's complaint about a missing close_notify,
     * depending on which is noticed first.
     */
    private static Throwable tlsFailure(Throwable cause) {
        if (cause instanceof SslHandshakeTimeoutException) {
            return new BackendConnector.TimedOut();
        }
        if (String.valueOf(cause.getMessage()).contains("no_application_protocol")) {
            return new NoWebSocketOverHttp2("it did not agree to HTTP/2 by ALPN (it refused the TLS handshake "
                    + "offering h2 alone with no_application_protocol)");
        }
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof ClosedChannelException || cause.getCause() instanceof ClosedChannelException
                || message.contains("close_notify")
                || message.contains("terminated the handshake")) {
            return new NoWebSocketOverHttp2("it did not agree to HTTP/2 by ALPN (it closed the connection during the "
                    + "TLS handshake offering h2 alone)");
        }
        return cause;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2GoAwayFrame goAway) {
            // Streams up to its last stream id go on (RFC 9113 section 6.8); no new ones.
            if (goAway.errorCode() == Http2Error.NO_ERROR.code()) {
                ctx.channel().attr(GRACEFUL_GOAWAY).set(Boolean.TRUE);
            }
            goingAway = true;
            retire.run();
        } else if (msg instanceof Http2SettingsFrame settings) {
            Long limit = settings.settings().maxConcurrentStreams();
            if (limit != null) {
                maxStreams = Math.min(limit, MAX_STREAMS);
            }
            if (!settingsSeen) {
                settingsSeen = true;
                firstSettings(ctx, settings);
            }
        }
        ReferenceCountUtil.release(msg);
    }

    private void firstSettings(ChannelHandlerContext ctx, Http2SettingsFrame settings) {
        if (!Boolean.TRUE.equals(settings.settings().connectProtocolEnabled())) {
            ready.tryFailure(new NoWebSocketOverHttp2("its HTTP/2 SETTINGS do not enable extended CONNECT "
                    + "(SETTINGS_ENABLE_CONNECT_PROTOCOL, RFC 8441)"));
            ctx.close();
            return;
        }
        ctx.writeAndFlush(new DefaultHttp2WindowUpdateFrame((MAX_STREAMS - 1) * Http2CodecUtil.DEFAULT_WINDOW_SIZE));
        ready.trySuccess(this);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ready.tryFailure(new BackendHandshake.Refused(0, "the backend closed the HTTP/2 connection during the handshake"));
        retire.run();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        ready.tryFailure(tls != null && !tls.handshakeFuture().isSuccess() ? tlsFailure(cause) : cause);
        ctx.close();
    }
}
