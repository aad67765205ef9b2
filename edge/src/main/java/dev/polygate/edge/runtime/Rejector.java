package dev.polygate.edge.runtime;

import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;

/** How a scope's policies end an exchange they refuse: in the route's own dialect once routed. */
@FunctionalInterface
interface Rejector {
    /** Before routing there is no route dialect: the gateway's own rendering, by the client's protocol. */
    Rejector PLAIN = (exchange, error) -> exchange.response().sendError(error);

    void reject(Exchange exchange, GatewayException error);
}
