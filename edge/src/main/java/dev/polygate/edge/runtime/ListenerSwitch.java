package dev.polygate.edge.runtime;

import dev.polygate.edge.exchange.ExchangeStep;
import dev.polygate.spi.Exchange;
import java.util.Map;

/** After the global policies: the policies of the listener the exchange came in on, then routing. */
final class ListenerSwitch implements ExchangeStep {
    private final Map<String, ExchangeStep> byListener;
    private final ExchangeStep routing;

    /** @param byListener each listener's chain, ending in {@code routing} */
    ListenerSwitch(Map<String, ExchangeStep> byListener, ExchangeStep routing) {
        this.byListener = Map.copyOf(byListener);
        this.routing = routing;
    }

    @Override
    public void run(Exchange exchange) {
        // A listener added since the gateway started is bound only after a restart: its connections are not here.
        byListener.getOrDefault(exchange.context().listener(), routing).run(exchange);
    }
}
