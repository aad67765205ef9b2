package dev.polygate.policies.auth.jwt;

import dev.polygate.spi.Exchange;
import dev.polygate.spi.websocket.WebSocketUpgrade;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/**
 * A token offered as a WebSocket subprotocol, {@code bearer.<token>}: a browser's {@code new WebSocket(url,
 * ["graphql-ws", "bearer." + token])} can set no {@code Authorization} header, and a JWT's characters are all
 * allowed in a subprotocol name. The client offers it next to the subprotocol it really speaks, which the backend
 * picks; only a WebSocket handshake carries such a token.
 */
final class SubprotocolTokenSource implements TokenSource {
    static final String PREFIX = "bearer.";

    @Override
    public List<String> tokens(Exchange exchange) {
        List<String> found = new ArrayList<>(1);
        for (String offer : exchange.webSocket().map(WebSocketUpgrade::subprotocols).orElse(List.of())) {
            if (offer.startsWith(PREFIX)) {
                found.add(offer.substring(PREFIX.length()));
            }
        }
        return found;
    }

    /**
     * Drops the offer from the request's {@code Sec-WebSocket-Protocol} header, where the gateway reads the offers
     * a translator sees ({@link WebSocketUpgrade#subprotocols()}): a passthrough route's backend is not offered the
     * token, and the session cannot answer with it.
     */
    @Override
    public void remove(Exchange exchange) {
        HttpHeaders headers = exchange.request().headers();
        List<String> kept = new ArrayList<>();
        for (String value : headers.getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)) {
            for (String offer : value.split(",")) {
                if (!offer.isBlank() && !offer.trim().startsWith(PREFIX)) {
                    kept.add(offer.trim());
                }
            }
        }
        headers.remove(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        if (!kept.isEmpty()) {
            headers.set(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, String.join(", ", kept));
        }
    }

    @Override
    public String describe() {
        return "WebSocket subprotocol " + PREFIX + "<token>";
    }
}
