package dev.polygate.edge.runtime;

import dev.polygate.edge.exchange.ExchangeStep;
import dev.polygate.edge.routing.PathOptions;
import dev.polygate.edge.routing.PathRewriter;
import dev.polygate.edge.routing.RouteMatch;
import dev.polygate.edge.routing.RouteTable;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.ExchangeContext;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.RequestHead;
import dev.polygate.translators.model.web.CorsRules;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.Optional;

/**
 * The step after the global and listener policies: picks the route, records what routing learned in the
 * exchange's context (route, path variables, operation), rewrites the path, and runs the route's chain. A CORS
 * preflight goes to the route that takes the method it asks about; only when none does, to one that takes
 * {@code OPTIONS}.
 */
final class RouteSelection implements ExchangeStep {
    private final RouteTable<RouteEntry> table;
    private final PathOptions paths;

    RouteSelection(RouteTable<RouteEntry> table, PathOptions paths) {
        this.table = table;
        this.paths = paths;
    }

    @Override
    public void run(Exchange exchange) {
        RequestHead head = exchange.request();
        if (paths.changesPaths()) {
            try {
                head = withPathOptions(head);
            } catch (GatewayException refused) {
                exchange.response().sendError(refused);
                return;
            }
            exchange.request(head);
        }
        Optional<RouteMatch<RouteEntry>> found = Optional.empty();
        if (CorsRules.isPreflight(head)) {
            // A preflight asks about the method to come: it belongs to the route that will take that method, whose
            // cors policy answers it, even when that route does not take OPTIONS (or a broader one does).
            found = table.match(head.authority(), head.matchedPath(),
                    head.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD).trim(), head.headers());
        }
        if (found.isEmpty()) {
            found = table.match(head.authority(), head.matchedPath(), head.method(), head.headers());
        }
        if (found.isEmpty()) {
            exchange.response().sendError(new GatewayException(ErrorKind.NOT_FOUND,
                    "no route for " + head.method() + " " + head.matchedPath()));
            return;
        }
        RouteMatch<RouteEntry> match = found.get();
        RouteEntry route = match.rule().target();
        ExchangeContext context = exchange.context();
        context.route(route.name());
        context.pathVariables(match.path().variables());
        if (route.stripPrefix() != null || route.rewrite() != null) {
            int q = head.path().indexOf('?');
            String query = q < 0 ? null : head.path().substring(q + 1);
            exchange.request(head.withPath(PathRewriter.rewrite(head.matchedPath(), query, match, route.stripPrefix(),
                    route.rewrite(), !paths.caseSensitive())));
        }
        route.translator().operationOf(exchange).ifPresent(context::operation);
        route.chain().run(exchange);
    }

    /** The head with the path the {@code paths} options make of it: matched and forwarded (query kept). */
    private RequestHead withPathOptions(RequestHead head) {
        String matched = paths.apply(head.matchedPath());
        if (matched.equals(head.matchedPath())) {
            return head;
        }
        int q = head.path().indexOf('?');
        String upstream = q < 0 ? matched : matched + head.path().substring(q);
        return new RequestHead(head.method(), upstream, matched, head.authority(), head.scheme(), head.headers());
    }
}
