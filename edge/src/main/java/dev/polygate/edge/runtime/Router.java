package dev.polygate.edge.runtime;

import dev.polygate.edge.exchange.DownstreamExchange;
import dev.polygate.edge.exchange.ExchangeDispatcher;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts each exchange on the current snapshot: its global policies, its listener's, routing, then the route's
 * policies and translator.
 */
public final class Router implements ExchangeDispatcher {
    private final AtomicReference<RoutingSnapshot> snapshot;

    public Router(RoutingSnapshot initial) {
        this.snapshot = new AtomicReference<>(initial);
    }

    /** Swaps in a new snapshot; exchanges already running keep the one they started with. */
    public RoutingSnapshot swap(RoutingSnapshot next) {
        return snapshot.getAndSet(next);
    }

    public RoutingSnapshot current() {
        return snapshot.get();
    }

    @Override
    public void dispatch(DownstreamExchange exchange) {
        snapshot.get().entry().run(exchange);
    }
}
