package dev.polygate.policies.ratelimit.redis;

import dev.polygate.policies.ratelimit.limits.Decision;
import dev.polygate.policies.ratelimit.limits.LimitSpec;
import dev.polygate.spi.TranslatorContext;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The limits of one policy, counted in Redis for every gateway that names the same servers: one script run per
 * decision, or per batch of the decisions an event loop makes in one pass.
 */
public final class RedisLimiter {
    private final RedisStore store;
    private final LimitScript script;
    private final Duration timeout;
    /** The batch of decisions being made on each event loop. */
    private final Map<EventExecutor, DecisionBatch> batches = new ConcurrentHashMap<>();

    RedisLimiter(RedisStore store, List<LimitSpec> limits, RedisSettings settings) {
        this.store = store;
        this.script = new LimitScript(limits, settings.prefix());
        this.timeout = settings.timeout();
    }

    /** The limiter of {@code limits} on the connection kept for {@code settings}' servers. */
    public static RedisLimiter kept(List<LimitSpec> limits, RedisSettings settings, TranslatorContext context) {
        RedisStore store = context.keep("rateLimit:redis:" + settings.connectionKey(), RedisStore.class,
                () -> new RedisStore(settings, context.transport()));
        return new RedisLimiter(store, limits, settings);
    }

    /**
     * Completes with {@code then} applied to the decision, never exceptionally: on {@code loop} (the exchange's) once
     * that loop has its own connection, else on a thread of the Redis client. Decisions made on a loop during one
     * pass of it go to Redis as one script run when the pass ends (not with a cluster, whose keys of one run must
     * share a slot). A decision Redis refuses or cannot be asked for (no connection) is {@linkplain
     * Decision#unchecked() unchecked}. The future does not wait for a slow Redis by itself: callers bound it with
     * {@link #timeout()} and take {@link #late()} when it passes (the policy chain's deadline does that, with no
     * timer per command).
     */
    public <T> CompletableFuture<T> decide(String key, EventExecutor loop, Function<Decision, T> then) {
        String[] keys = script.keys(key);
        CompletableFuture<Decision> decision = store.batches() && loop.inEventLoop()
                ? batches.computeIfAbsent(loop, this::batchOn).add(keys)
                : send(keys, 1, loop).thenApply(decisions -> decisions.get(0));
        return decision.thenApply(then);
    }

    private DecisionBatch batchOn(EventExecutor loop) {
        return new DecisionBatch(loop, (keys, count) -> send(keys, count, loop));
    }

    /** One script run for {@code count} decisions: one decision each, in order, all unchecked when it failed. */
    private CompletableFuture<List<Decision>> send(String[] keys, int count, EventExecutor loop) {
        return store.evaluate(keys, script.arguments(), loop).handle((reply, failure) -> decisions(reply, failure, count));
    }

    /** How long a decision may wait for Redis before the failure mode decides. */
    public Duration timeout() {
        return timeout;
    }

    /** The decision of a request Redis did not answer within {@link #timeout()}: unchecked, and reported. */
    public Decision late() {
        store.report(new TimeoutException("no answer within " + timeout.toMillis() + " ms"));
        return Decision.unchecked();
    }

    private List<Decision> decisions(List<Object> reply, Throwable failure, int count) {
        if (failure != null) {
            store.report(failure);
            return Collections.nCopies(count, Decision.unchecked());
        }
        try {
            List<Decision> decisions = script.decisions(reply, count);
            store.answered();
            return decisions;
        } catch (IllegalStateException e) {
            store.report(e);
            return Collections.nCopies(count, Decision.unchecked());
        }
    }
}
