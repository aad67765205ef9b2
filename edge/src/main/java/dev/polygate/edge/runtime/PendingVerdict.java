package dev.polygate.edge.runtime;

import dev.polygate.edge.exchange.ExchangeStep;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Verdict;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A policy's decision that is still being made elsewhere (Redis, a JWKS fetch). Whatever thread completes it,
 * the verdict is carried out on the exchange's executor. It settles exactly once: by the verdict, by the
 * deadline (the policy's own verdict for a late decision when it gave one, else 500), or by the client leaving (the
 * decision is then cancelled).
 */
final class PendingVerdict {
    private static final Logger LOG = Logger.getLogger(PendingVerdict.class.getName());

    private final Exchange exchange;
    private final String policyName;
    private final Duration deadline;
    private final Supplier<Verdict> onDeadline;
    private final ExchangeStep next;
    private final Rejector rejector;
    private final CompletableFuture<Verdict> decision;
    private ScheduledFuture<?> timer;
    private boolean settled;

    private PendingVerdict(Exchange exchange, String policyName, Duration deadline, Supplier<Verdict> onDeadline,
                           ExchangeStep next, Rejector rejector, CompletableFuture<Verdict> decision) {
        this.exchange = exchange;
        this.policyName = policyName;
        this.deadline = deadline;
        this.onDeadline = onDeadline;
        this.next = next;
        this.rejector = rejector;
        this.decision = decision;
    }

    /** @param onDeadline the policy's verdict when the deadline passes first, or null for a 500 */
    static void start(Exchange exchange, CompletionStage<Verdict> stage, String policyName, Duration deadline,
                      Supplier<Verdict> onDeadline, ExchangeStep next, Rejector rejector) {
        CompletableFuture<Verdict> decision = stage.toCompletableFuture();
        PendingVerdict pending = new PendingVerdict(exchange, policyName, deadline, onDeadline, next, rejector,
                decision);
        if (decision.isDone() && exchange.executor().inEventLoop()) {
            pending.settle(decision.getNow(null), failure(decision)); // no task hop for a decision already made
            return;
        }
        pending.timer = exchange.executor().schedule(pending::expire, deadline.toNanos(), TimeUnit.NANOSECONDS);
        exchange.onCancel(pending::cancel);
        decision.whenComplete((verdict, failure) -> {
            if (exchange.executor().inEventLoop()) {
                pending.settle(verdict, failure);
            } else {
                exchange.executor().execute(() -> pending.settle(verdict, failure));
            }
        });
    }

    private static Throwable failure(CompletableFuture<Verdict> done) {
        try {
            done.join();
            return null;
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            return e;
        }
    }

    private void settle(Verdict verdict, Throwable failure) {
        if (settled) {
            return;
        }
        settled = true;
        if (timer != null) {
            timer.cancel(false);
        }
        if (exchange.response().isDone()) {
            return; // the client left, or something else ended the exchange meanwhile
        }
        if (failure != null) {
            rejector.reject(exchange, asError(failure));
            return;
        }
        if (verdict == null) {
            rejector.reject(exchange, new GatewayException(ErrorKind.INTERNAL, "a policy failed to decide",
                    "policy '" + policyName + "' completed its decision without a verdict", null));
        } else if (verdict instanceof Verdict.Reject reject) {
            rejector.reject(exchange, reject.error());
        } else {
            proceed(((Verdict.Proceed) verdict).exchange());
        }
    }

    /** The rest of the chain, run from an executor task: nothing above it would catch what it throws. */
    private void proceed(Exchange view) {
        try {
            next.run(view);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "exchange failed on route " + exchange.routeName() + " after policy '"
                    + policyName + "'", e);
            if (!exchange.response().isDone()) {
                exchange.response().sendError(new GatewayException(ErrorKind.INTERNAL,
                        "the gateway failed to handle the request", null, e));
            }
        }
    }

    private GatewayException asError(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof GatewayException error) {
            return error;
        }
        return new GatewayException(ErrorKind.INTERNAL, "a policy failed to decide",
                "policy '" + policyName + "' failed", cause);
    }

    private void expire() {
        if (settled) {
            return;
        }
        if (onDeadline != null) {
            Verdict late;
            try {
                late = onDeadline.get();
            } catch (RuntimeException e) {
                settle(null, e);
                decision.cancel(false);
                return;
            }
            settle(late, null);
            decision.cancel(false); // settled already: the cancellation changes nothing for the exchange
            return;
        }
        settled = true;
        decision.cancel(false);
        if (!exchange.response().isDone()) {
            rejector.reject(exchange, new GatewayException(ErrorKind.INTERNAL, "a policy failed to decide in time",
                    "policy '" + policyName + "' did not decide within " + deadline.toMillis() + " ms", null));
        }
    }

    private void cancel() {
        if (settled) {
            return;
        }
        settled = true;
        if (timer != null) {
            timer.cancel(false);
        }
        decision.cancel(false);
    }
}
