package dev.polygate.edge.runtime;

import dev.polygate.edge.exchange.DownstreamExchange;
import dev.polygate.edge.exchange.ExchangeDispatcher;
import dev.polygate.edge.routing.PathRewriter;
import dev.polygate.edge.routing.RouteMatch;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.RequestHead;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Picks each exchange's route from the current snapshot and starts the route's chain. */
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
        RequestHead head = exchange.request();
        Optional<RouteMatch<RouteEntry>> found = snapshot.get().table()
                .match(head.authority(), head.matchedPath(), head.method(), head.headers());
        if (found.isEmpty()) {
            exchange.response().sendError(new GatewayException(ErrorKind.NOT_FOUND,
                    "no route for " + head.method() + " " + head.matchedPath()));
            return;
        }
        RouteMatch<RouteEntry> match = found.get();
        RouteEntry route = match.rule().target();
        exchange.routeName(route.name());
        if (route.stripPrefix() != null || route.rewrite() != null) {
            int q = head.path().indexOf('?');
            String query = q < 0 ? null : head.path().substring(q + 1);
            exchange.request(head.withPath(PathRewriter.rewrite(head.matchedPath(), query, match, route.stripPrefix(),
                    route.rewrite())));
        }
        route.chain().proceed(exchange);
    }
}
