package dev.polygate.edge.exchange;

import dev.polygate.spi.Exchange;

/** One step an exchange goes through on its way to a translator: a policy, the router, a route's entry. */
@FunctionalInterface
public interface ExchangeStep {
    void run(Exchange exchange);
}
