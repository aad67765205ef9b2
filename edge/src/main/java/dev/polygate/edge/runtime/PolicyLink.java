package dev.polygate.edge.runtime;

import dev.polygate.spi.Exchange;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyChain;

/** One link of a route's chain, built once per configuration so a request allocates nothing to walk it. */
final class PolicyLink implements PolicyChain {
    private final Policy policy;
    private final PolicyChain next;

    PolicyLink(Policy policy, PolicyChain next) {
        this.policy = policy;
        this.next = next;
    }

    @Override
    public void proceed(Exchange exchange) {
        policy.apply(exchange, next);
    }
}
