package dev.polygate.spi;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

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

    /**
     * Like {@link #await(Exchange, CompletionStage)}, with a deadline of the policy's own and what to do when it
     * passes: when {@code decision} has not completed within {@code deadline}, the chain goes on with the verdict of
     * {@code onDeadline} (called on the exchange's executor) and the decision is cancelled. For policies that know
     * what a late answer means (a global rate limit's failure mode when Redis is slow): the gateway keeps that
     * deadline with the one timer it keeps for every awaited decision, so the policy needs no timer of its own. The
     * gateway's policy deadline still applies when it is the shorter.
     */
    default void await(Exchange exchange, CompletionStage<Verdict> decision, Duration deadline,
                       Supplier<Verdict> onDeadline) {
        CompletableFuture<Verdict> source = decision.toCompletableFuture();
        CompletableFuture<Verdict> bounded = new CompletableFuture<>();
        ScheduledFuture<?> timer = exchange.executor().schedule(() -> {
            if (!bounded.isDone()) {
                try {
                    bounded.complete(onDeadline.get());
                } catch (RuntimeException e) {
                    bounded.completeExceptionally(e);
                }
                source.cancel(false);
            }
        }, deadline.toNanos(), TimeUnit.NANOSECONDS);
        source.whenComplete((verdict, failure) -> {
            timer.cancel(false);
            if (failure != null) {
                bounded.completeExceptionally(failure);
            } else {
                bounded.complete(verdict);
            }
        });
        await(exchange, bounded);
    }
}
