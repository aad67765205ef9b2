package dev.polygate.edge.runtime;

import dev.polygate.edge.address.TrustedProxies;
import dev.polygate.edge.exchange.ExchangeStep;
import dev.polygate.spi.Exchange;

/**
 * Before the first policy: the client's address behind the trusted proxies, for IP rules, per-client limits and the
 * access log. Part of the snapshot, so a reload changes which proxies are trusted.
 */
final class TrustedClientStep implements ExchangeStep {
    private final TrustedProxies proxies;
    private final ExchangeStep next;

    TrustedClientStep(TrustedProxies proxies, ExchangeStep next) {
        this.proxies = proxies;
        this.next = next;
    }

    @Override
    public void run(Exchange exchange) {
        exchange.context().clientAddress(proxies.clientOf(exchange.client().remoteAddress(),
                exchange.request().headers()));
        next.run(exchange);
    }
}
