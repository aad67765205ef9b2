package dev.polygate.translators.websocket;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.ResponseSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The requests of clients without WebSocket on a route with {@code eventStream}: a GET opens a backend session and
 * follows it as Server-Sent Events; a POST naming a session ({@code ?session=} or the {@code Event-Stream-Session}
 * header) sends its body to that session's backend as one message: binary for {@code application/octet-stream},
 * text otherwise.
 */
final class EventStreamEndpoint {
    static final String SESSION_HEADER = "event-stream-session";
    static final String SESSION_PARAMETER = "session";

    private final WsBackendConfig config;
    private final BackendConnector connector;
    private final EventStreamSessions sessions;
    private final Supplier<WsEndpoint> endpoints;

    EventStreamEndpoint(WsBackendConfig config, BackendConnector connector, EventStreamSessions sessions,
                        Supplier<WsEndpoint> endpoints) {
        this.config = config;
        this.connector = connector;
        this.sessions = sessions;
        this.endpoints = endpoints;
    }

    void handle(Exchange exchange) {
        switch (exchange.request().method()) {
            case "GET" -> open(exchange);
            case "POST" -> post(exchange);
            default -> methodNotAllowed(exchange);
        }
    }

    // ---- GET: a new session ----

    private void open(Exchange exchange) {
        exchange.requestBody().discard();
        WsEndpoint endpoint = endpoints.get();
        exchange.upstream(endpoint.authority());
        String origin = exchange.request().headers().get(HttpHeaderNames.ORIGIN);
        HttpHeaders headers = HandshakeHeaders.build(exchange.request(), exchange.client(), endpoint, config.hostHeader());
        headers.remove(HttpHeaderNames.ACCEPT).remove("last-event-id");
        var opening = connector.open((EventLoop) exchange.executor(), endpoint, exchange.request().path(), null, headers,
                origin != null);
        EventStreamSession[] session = {null};
        exchange.onCancel(() -> {
            opening.cancel(false);
            if (session[0] != null) {
                session[0].clientGone();
            }
        });
        opening.addListener(f -> {
            if (!f.isSuccess()) {
                if (!f.isCancelled()) {
                    GatewayException error = HandshakeFailures.describe(config.upstream().name(), f.cause());
                    exchange.error(error);
                    exchange.response().sendError(error);
                }
                return;
            }
            BackendHandshake.Accepted accepted = opening.getNow();
            if (exchange.response().isDone()) {
                accepted.channel().close();
                return;
            }
            session[0] = new EventStreamSession(accepted.channel(), exchange.response(), config.eventStream(), sessions);
            accepted.channel().pipeline().replace("handshake", "events", session[0]);
            session[0].start();
        });
    }

    // ---- POST: a message into a session ----

    private void post(Exchange exchange) {
        String id = sessionId(exchange);
        int limit = config.eventStream().maxMessageSize();
        if (id == null) {
            refuse(exchange, new GatewayException(ErrorKind.BAD_REQUEST, "a POST on route '" + exchange.routeName()
                    + "' names its event-stream session: ?" + SESSION_PARAMETER + "=<id> or the Event-Stream-Session header"));
            return;
        }
        if (sessions.get(id) == null) {
            refuse(exchange, unknown(exchange));
            return;
        }
        if (exchange.requestBody().declaredLength() > limit) {
            refuse(exchange, PostedMessage.tooLarge(limit));
            return;
        }
        String contentType = exchange.request().headers().get(HttpHeaderNames.CONTENT_TYPE);
        boolean binary = contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/octet-stream");
        exchange.requestBody().subscribe(new PostedMessage(ByteBufAllocator.DEFAULT, limit,
                body -> deliver(exchange, id, binary, body), error -> exchange.response().sendError(error)));
    }

    private void deliver(Exchange exchange, String id, boolean binary, ByteBuf body) {
        if (!binary && !ByteBufUtil.isText(body, StandardCharsets.UTF_8)) {
            body.release();
            exchange.response().sendError(new GatewayException(ErrorKind.BAD_REQUEST,
                    "a text message must be UTF-8; post binary messages as application/octet-stream"));
            return;
        }
        EventStreamSession session = sessions.get(id);
        if (session == null) {
            body.release();
            exchange.response().sendError(unknown(exchange));
            return;
        }
        session.executor().execute(() -> session.deliver(binary, body, outcome ->
                exchange.executor().execute(() -> answer(exchange, outcome))));
    }

    private void answer(Exchange exchange, EventStreamSession.Delivery outcome) {
        ResponseSink sink = exchange.response();
        switch (outcome) {
            case WRITTEN -> {
                sink.sendHead(new ResponseHead(204, new DefaultHttpHeaders()));
                sink.sendEnd(EmptyHttpHeaders.INSTANCE);
            }
            case GONE -> sink.sendError(unknown(exchange));
            case BUSY -> sink.sendError(new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "upstream '"
                    + config.upstream().name() + "' is not taking messages for this session now; try again"));
        }
    }

    private static GatewayException unknown(Exchange exchange) {
        return new GatewayException(ErrorKind.NOT_FOUND, "no open event-stream session of that id on route '"
                + exchange.routeName() + "' (sessions live on the gateway node that opened them)");
    }

    private static String sessionId(Exchange exchange) {
        String header = exchange.request().headers().get(SESSION_HEADER);
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        List<String> values = new QueryStringDecoder(exchange.request().path()).parameters().get(SESSION_PARAMETER);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
    }

    private static void refuse(Exchange exchange, GatewayException error) {
        exchange.requestBody().discard();
        exchange.response().sendError(error);
    }

    /** 405 in the gateway's problem+json form, with {@code Allow}; the vocabulary has no kind of its own for it. */
    private static void methodNotAllowed(Exchange exchange) {
        exchange.requestBody().discard();
        byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Method Not Allowed\",\"status\":405,\"code\":\"BAD_REQUEST\","
                + "\"detail\":\"route '" + new String(JsonStringEncoder.getInstance().quoteAsString(exchange.routeName()))
                + "' takes WebSocket handshakes, "
                + "GET for an event stream and POST into a session\"}").getBytes(StandardCharsets.UTF_8);
        HttpHeaders headers = new DefaultHttpHeaders()
                .set(HttpHeaderNames.ALLOW, "GET, POST")
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        exchange.response().sendHead(new ResponseHead(405, headers));
        exchange.response().sendData(Unpooled.wrappedBuffer(body));
        exchange.response().sendEnd(EmptyHttpHeaders.INSTANCE);
    }
}
