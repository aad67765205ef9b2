package dev.polygate.spi;

import java.util.concurrent.CompletionStage;

/**
 * The rest of the policy chain after one policy: the next policies of its scope and of the scopes after it
 * (global, then listener, then route), ending in the route's translator.
 */
public interface PolicyChain {
    /** Continues with the next policy, on the exchange's executor. */
    void proceed(Exchange exchange);

    /**
     * Ends the exchange with {@code error}, rendered in the client's protocol (problem+json, the route's own error
     * dialect, {@code grpc-status}, a refused WebSocket handshake) with the error's {@linkplain
     * GatewayException#headers() headers}, such as {@code WWW-Authenticate} or {@code Retry-After}.
     */
    default void reject(Exchange exchange, GatewayException error) {
        exchange.response().sendError(error);
    }

    /**
     * Continues once {@code decision} completes, whatever thread completes it: the gateway brings the verdict
     * back to the exchange's executor, proceeds or rejects as it says, answers 500 when it completes
     * exceptionally or not within the policy deadline, and cancels it when the client goes away first.
     */
    void await(Exchange exchange, CompletionStage<Verdict> decision);
}
