package dev.polygate.edge.websocket;

import dev.polygate.edge.config.WebSocketConfig;
import dev.polygate.edge.exchange.DownstreamExchange;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.HopByHopHeaders;
import dev.polygate.spi.websocket.AcceptedHandshake;
import dev.polygate.spi.websocket.WebSocketHandler;
import dev.polygate.spi.websocket.WebSocketSession;
import dev.polygate.spi.websocket.WebSocketUpgrade;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The edge's side of a WebSocket handshake offered to a translator: answers it ({@code 101} with
 * {@code Sec-WebSocket-Accept}, or {@code 200} on an HTTP/2 stream), negotiates permessage-deflate and turns the
 * channel into a {@link WebSocketSessionHandler}. Until then the route's handshake timeout runs.
 */
public final class EdgeWebSocketUpgrade implements WebSocketUpgrade {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final Channel channel;
    private final DownstreamExchange exchange;
    private final boolean http2;
    private final String key;
    private final String origin;
    private final String extensionOffers;
    private final WebSocketStats stats = new WebSocketStats();
    private WebSocketConfig config = WebSocketConfig.DEFAULT;
    private ScheduledFuture<?> handshakeTimer;
    private boolean accepted;

    EdgeWebSocketUpgrade(Channel channel, DownstreamExchange exchange, boolean http2, String key, String origin,
                         String extensionOffers) {
        this.channel = channel;
        this.exchange = exchange;
        this.http2 = http2;
        this.key = key;
        this.origin = origin;
        this.extensionOffers = extensionOffers;
    }

    /** The route's limits apply; the handshake timeout starts. Called once the route is known. */
    void start(WebSocketConfig routeConfig) {
        this.config = routeConfig;
        handshakeTimer = channel.eventLoop().schedule(this::handshakeTimedOut,
                routeConfig.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    public WebSocketStats stats() {
        return stats;
    }

    /**
     * The offers of the request's {@code Sec-WebSocket-Protocol} as it is now: an offer a policy removed (a token
     * offered as {@code bearer.<token>}) is neither offered to a backend nor a subprotocol the session may answer.
     */
    @Override
    public List<String> subprotocols() {
        return WebSocketHandshake.subprotocolOffers(exchange.request().headers());
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public String transport() {
        return http2 ? "HTTP/2" : "HTTP/1.1";
    }

    @Override
    public void accept(AcceptedHandshake handshake, Function<WebSocketSession, WebSocketHandler> handlerFactory) {
        if (accepted) {
            throw new IllegalStateException("the WebSocket handshake was already accepted");
        }
        if (exchange.isCancelled() || exchange.response().isDone() || !channel.isActive()) {
            return; // the client left or the handshake timed out: the cancel actions tell the translator
        }
        if (exchange.response().isHeadSent()) {
            throw new IllegalStateException("a response was already sent for this WebSocket handshake");
        }
        String subprotocol = handshake.subprotocol();
        if (subprotocol != null && subprotocols().stream().noneMatch(subprotocol::equals)) {
            throw new IllegalStateException("subprotocol '" + subprotocol + "' was not offered by the client");
        }
        accepted = true;
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        PerMessageDeflate deflate = config.compression()
                ? PerMessageDeflate.negotiate(extensionOffers, config.maxMessageSize()) : null;
        HttpHeaders extra = handshake.headers().copy();
        HopByHopHeaders.strip(extra);
        extra.remove(HttpHeaderNames.CONTENT_LENGTH);
        extra.names().stream().filter(n -> n.toLowerCase(Locale.ROOT).startsWith("sec-websocket-")).toList()
                .forEach(extra::remove);
        if (subprotocol != null) {
            extra.set(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, subprotocol);
        }
        if (deflate != null) {
            extra.set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, deflate.responseHeader());
        }
        int status;
        if (http2) {
            status = 200;
            Http2Headers headers = new DefaultHttp2Headers().status("200");
            for (Map.Entry<String, String> header : extra) {
                headers.add(header.getKey().toLowerCase(Locale.ROOT), header.getValue());
            }
            channel.writeAndFlush(new DefaultHttp2HeadersFrame(headers, false));
        } else {
            status = 101;
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.SWITCHING_PROTOCOLS);
            response.headers().add(extra)
                    .set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE)
                    .set(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT, acceptValue(key));
            channel.writeAndFlush(response);
        }
        exchange.switchedProtocols(status);
        stats.accepted();
        WebSocketSessionHandler session = new WebSocketSessionHandler(channel, http2, config, stats, subprotocol,
                exchange::sessionEnded);
        WebSocketPipeline.install(channel.pipeline(), http2, config, deflate, session);
        session.start(handlerFactory.apply(session));
    }

    private void handshakeTimedOut() {
        if (!accepted && !exchange.response().isDone()) {
            exchange.abandon(new GatewayException(ErrorKind.UPSTREAM_TIMEOUT,
                    "the WebSocket handshake was not completed within " + config.handshakeTimeout().toMillis() + " ms"));
        }
    }

    static String acceptValue(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key.trim() + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java platform", e);
        }
    }
}
