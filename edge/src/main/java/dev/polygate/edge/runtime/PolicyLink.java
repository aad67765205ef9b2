package dev.polygate.edge.runtime;

import dev.polygate.edge.exchange.ExchangeStep;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyChain;
import dev.polygate.spi.Verdict;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * One policy of a chain and what follows it, built once per configuration so that a request allocates nothing
 * to walk the chain.
 */
final class PolicyLink implements ExchangeStep {
    private final Policy policy;
    private final Continuation continuation;

    PolicyLink(String name, Policy policy, ExchangeStep next, Rejector rejector, Duration deadline) {
        this.policy = policy;
        this.continuation = new Continuation(name, next, rejector, deadline);
    }

    @Override
    public void run(Exchange exchange) {
        policy.apply(exchange, continuation);
    }

    /** What the policy is handed: proceed, reject in the scope's dialect, or wait for a verdict. */
    private static final class Continuation implements PolicyChain {
        private final String policyName;
        private final ExchangeStep next;
        private final Rejector rejector;
        private final Duration deadline;

        Continuation(String policyName, ExchangeStep next, Rejector rejector, Duration deadline) {
            this.policyName = policyName;
            this.next = next;
            this.rejector = rejector;
            this.deadline = deadline;
        }

        @Override
        public void proceed(Exchange exchange) {
            next.run(exchange);
        }

        @Override
        public void reject(Exchange exchange, GatewayException error) {
            rejector.reject(exchange, error);
        }

        @Override
        public void await(Exchange exchange, CompletionStage<Verdict> decision) {
            PendingVerdict.start(exchange, decision, policyName, deadline, null, next, rejector);
        }

        @Override
        public void await(Exchange exchange, CompletionStage<Verdict> decision, Duration ownDeadline,
                          Supplier<Verdict> onDeadline) {
            Duration shorter = ownDeadline.compareTo(deadline) < 0 ? ownDeadline : deadline;
            PendingVerdict.start(exchange, decision, policyName, shorter, onDeadline, next, rejector);
        }
    }
}
