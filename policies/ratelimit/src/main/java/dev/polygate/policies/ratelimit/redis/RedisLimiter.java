package dev.polygate.policies.ratelimit.redis;

import dev.polygate.policies.ratelimit.limits.Decision;
import dev.polygate.policies.ratelimit.limits.LimitSpec;
import dev.polygate.spi.TranslatorContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
                () -> new RedisStore(settings));
        return new RedisLimiter(store, limits, settings);
    }

    /**
     * Completes with {@code then} applied to the decision, on a thread of the Redis client; never exceptionally. A
     * decision Redis does not answer within the timeout (the connection's own, or this one's while the first
     * connection is made) is {@linkplain Decision#unchecked() unchecked}.
     */
    public <T> CompletableFuture<T> decide(String key, Function<Decision, T> then) {
        return store.evaluate(script.keys(key), script.arguments(), timeout)
                .handle((reply, failure) -> then.apply(decision(reply, failure)));
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
