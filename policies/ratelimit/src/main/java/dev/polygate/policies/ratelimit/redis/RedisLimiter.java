package dev.polygate.policies.ratelimit.redis;

import dev.polygate.policies.ratelimit.limits.Decision;
import dev.polygate.policies.ratelimit.limits.LimitSpec;
import dev.polygate.spi.TranslatorContext;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The limits of one policy, counted in Redis for every gateway that names the same servers: one script run per
 * decision.
 */
public final class RedisLimiter {
    private final RedisStore store;
    private final LimitScript script;
    private final Duration timeout;

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
     * Completes with {@code then} applied to the decision, on {@code loop} (the exchange's) once that loop has its
     * own connection, else on a thread of the Redis client; never exceptionally. A
     * decision Redis refuses or cannot be asked for (no connection) is {@linkplain Decision#unchecked() unchecked}.
     * The future does not wait for a slow Redis by itself: callers bound it with {@link #timeout()} and take {@link
     * #late()} when it passes (the policy chain's deadline does that, with no timer per command).
     */
    public <T> CompletableFuture<T> decide(String key, EventExecutor loop, Function<Decision, T> then) {
        return store.evaluate(script.keys(key), script.arguments(), loop)
                .handle((reply, failure) -> then.apply(decision(reply, failure)));
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

    private Decision decision(List<Object> reply, Throwable failure) {
        if (failure != null) {
            store.report(failure);
            return Decision.unchecked();
        }
        try {
            Decision decision = script.decision(reply);
            store.answered();
            return decision;
        } catch (IllegalStateException e) {
            store.report(e);
            return Decision.unchecked();
        }
    }
}
