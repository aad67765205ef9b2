package dev.polygate.translators.websocket;

import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Translator;
import dev.polygate.spi.websocket.AcceptedHandshake;
import dev.polygate.spi.websocket.WebSocketUpgrade;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Relays each WebSocket session of a route to one of its upstream's endpoints, round-robin; with {@code eventStream},
 * clients without WebSocket follow a backend session as Server-Sent Events and post messages into it.
 */
final class WebSocketTranslator implements Translator {
    private final WsBackendConfig config;
    private final BackendConnector connector;
    private final AtomicInteger next = new AtomicInteger();
    private final EventStreamEndpoint eventStream;

    WebSocketTranslator(WsBackendConfig config, BackendConnector connector, EventStreamSessions sessions) {
        this.config = config;
        this.connector = connector;
        this.eventStream = config.eventStream().enabled()
                ? new EventStreamEndpoint(config, connector, sessions, this::nextEndpoint) : null;
    }

    private WsEndpoint nextEndpoint() {
        return config.endpoints().get(Math.floorMod(next.getAndIncrement(), config.endpoints().size()));
    }

    @Override
    public boolean acceptsWebSocket() {
        return true;
    }

    @Override
    public void handle(Exchange exchange) {
        String route = exchange.routeName();
        WebSocketUpgrade upgrade = exchange.webSocket().orElse(null);
        if (upgrade == null && eventStream == null) {
            exchange.requestBody().discard();
            exchange.response().sendError(new GatewayException(ErrorKind.BAD_REQUEST,
                    "route '" + route + "' takes WebSocket connections only"));
            return;
        }
        String origin = upgrade != null ? upgrade.origin() : exchange.request().headers().get(HttpHeaderNames.ORIGIN);
        if (!config.allowedOrigins().allows(origin)) {
            exchange.requestBody().discard();
            exchange.response().sendError(new GatewayException(ErrorKind.PERMISSION_DENIED,
                    "origin '" + origin + "' may not open WebSocket sessions on route '" + route + "'"));
            return;
        }
        if (upgrade == null) {
            eventStream.handle(exchange);
            return;
        }
        WsEndpoint endpoint = nextEndpoint();
        exchange.upstream(endpoint.authority());
        HttpHeaders headers = HandshakeHeaders.build(exchange.request(), exchange.client(), endpoint, config.hostHeader());
        String subprotocols = upgrade.subprotocols().isEmpty() ? null : String.join(",", upgrade.subprotocols());
        var opening = connector.open((EventLoop) exchange.executor(), endpoint, exchange.request().path(), subprotocols,
                headers, upgrade.origin() != null);
        exchange.onCancel(() -> opening.cancel(false));
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
            Channel backend = accepted.channel();
            SessionRelay relay = new SessionRelay(backend);
            backend.pipeline().replace("handshake", "relay", relay);
            boolean[] started = {false};
            upgrade.accept(new AcceptedHandshake(accepted.subprotocol(), accepted.headers()), session -> {
                started[0] = true;
                return relay.attach(session);
            });
            if (!started[0]) {
                relay.abandon();
            }
        });
    }
}
