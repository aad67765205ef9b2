package dev.polygate.edge.websocket;

import dev.polygate.edge.config.WebSocketConfig;
import dev.polygate.edge.exchange.ExchangeStep;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Translator;
import dev.polygate.spi.websocket.ForwardingWebSocketUpgrade;
import dev.polygate.spi.websocket.WebSocketUpgrade;

/**
 * The end of a route's chain, in front of its translator: a WebSocket handshake reaches only a translator that
 * accepts WebSockets, with the route's limits; any other translator's route answers it with a clear 400 rather than
 * serving it as a plain GET.
 */
public final class WebSocketRouteGate {
    private WebSocketRouteGate() {
    }

    public static ExchangeStep wrap(Translator translator, String route, WebSocketConfig config) {
        boolean accepts = translator.acceptsWebSocket();
        return exchange -> {
            WebSocketUpgrade upgrade = exchange.webSocket().orElse(null);
            if (upgrade == null) {
                translator.handle(exchange);
            } else if (!accepts) {
                refuse(exchange, route);
            } else {
                // a policy may have wrapped the handshake (to learn when the session ends): start the gateway's own
                if (ForwardingWebSocketUpgrade.unwrap(upgrade) instanceof EdgeWebSocketUpgrade edge) {
                    edge.start(config);
                }
                translator.handle(exchange);
            }
        };
    }

    private static void refuse(Exchange exchange, String route) {
        exchange.requestBody().discard();
        exchange.response().sendError(new GatewayException(ErrorKind.BAD_REQUEST,
                "route '" + route + "' does not accept WebSocket connections"));
    }
}
