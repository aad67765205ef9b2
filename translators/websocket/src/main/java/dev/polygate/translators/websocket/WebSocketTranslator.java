package dev.polygate.translators.websocket;

import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Translator;
import dev.polygate.spi.websocket.AcceptedHandshake;
import dev.polygate.spi.websocket.WebSocketUpgrade;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicInteger;

/** Relays each WebSocket session of a route to one of its upstream's endpoints, round-robin. */
final class WebSocketTranslator implements Translator {
    private final WsBackendConfig config;
    private final BackendConnector connector;
    private final AtomicInteger next = new AtomicInteger();

    WebSocketTranslator(WsBackendConfig config, BackendConnector connector) {
        this.config = config;
        this.connector = connector;
    }

    @Override
    public boolean acceptsWebSocket() {
        return true;
    }

    @Override
    public void handle(Exchange exchange) {
        String route = exchange.routeName();
        WebSocketUpgrade upgrade = exchange.webSocket().orElse(null);
        if (upgrade == null) {
            exchange.response().sendError(new GatewayException(ErrorKind.BAD_REQUEST,
                    "route '" + route + "' takes WebSocket connections only"));
            return;
        }
        if (!config.allowedOrigins().allows(upgrade.origin())) {
            exchange.response().sendError(new GatewayException(ErrorKind.PERMISSION_DENIED,
                    "origin '" + upgrade.origin() + "' may not open WebSocket sessions on route '" + route + "'"));
            return;
        }
        WsEndpoint endpoint = config.endpoints().get(Math.floorMod(next.getAndIncrement(), config.endpoints().size()));
        exchange.upstream(endpoint.authority());
        HttpHeaders headers = HandshakeHeaders.build(exchange.request(), exchange.client(), endpoint, config.hostHeader());
        String subprotocols = upgrade.subprotocols().isEmpty() ? null : String.join(",", upgrade.subprotocols());
        var opening = connector.open((EventLoop) exchange.executor(), endpoint, exchange.request().path(), subprotocols,
                headers, upgrade.origin() != null);
        exchange.onCancel(() -> opening.cancel(false));
        opening.addListener(f -> {
            if (!f.isSuccess()) {
                if (!f.isCancelled()) {
                    GatewayException error = failure(f.cause());
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

    private GatewayException failure(Throwable cause) {
        String upstream = config.upstream().name();
        if (cause instanceof BackendHandshake.Refused refused) {
            return new GatewayException(ErrorKind.UPSTREAM_PROTOCOL, "upstream '" + upstream + "' refused the WebSocket handshake"
                    + (refused.status > 0 ? " with status " + refused.status : ""), refused.getMessage(), null);
        }
        if (cause instanceof BackendConnector.TimedOut) {
            return new GatewayException(ErrorKind.UPSTREAM_TIMEOUT, "upstream '" + upstream
                    + "' did not complete the WebSocket handshake in time");
        }
        if (cause instanceof ConnectException || cause instanceof java.net.UnknownHostException
                || cause instanceof io.netty.channel.ConnectTimeoutException) {
            return new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "upstream '" + upstream + "' is unavailable",
                    "connecting to upstream '" + upstream + "' failed", cause);
        }
        return new GatewayException(ErrorKind.UPSTREAM_PROTOCOL, "upstream '" + upstream + "' failed the WebSocket handshake",
                "WebSocket handshake with upstream '" + upstream + "' failed", cause);
    }
}
