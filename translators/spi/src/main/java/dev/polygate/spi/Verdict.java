package dev.polygate.spi;

import java.util.Objects;

/**
 * What a policy decided after asynchronous work (a Redis call, a JWKS fetch): go on with the chain, or end the
 * exchange with an error. See {@link PolicyChain#await}.
 */
public sealed interface Verdict {

    /** Continue the chain with {@code exchange} (the one the policy was given, or a view of it). */
    static Verdict proceed(Exchange exchange) {
        return new Proceed(exchange);
    }

    /** End the exchange with {@code error}, rendered in the client's protocol with its headers. */
    static Verdict reject(GatewayException error) {
        return new Reject(error);
    }

    record Proceed(Exchange exchange) implements Verdict {
        public Proceed {
            Objects.requireNonNull(exchange, "exchange");
        }
    }

    record Reject(GatewayException error) implements Verdict {
        public Reject {
            Objects.requireNonNull(error, "error");
        }
    }
}
