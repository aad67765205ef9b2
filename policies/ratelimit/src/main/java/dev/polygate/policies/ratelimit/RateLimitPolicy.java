package dev.polygate.policies.ratelimit;

import dev.polygate.policies.ratelimit.headers.FieldsSink;
import dev.polygate.policies.ratelimit.headers.RateLimitFields;
import dev.polygate.policies.ratelimit.keys.KeySpec;
import dev.polygate.policies.ratelimit.limits.Decision;
import dev.polygate.policies.ratelimit.limits.LimitOutcome;
import dev.polygate.policies.ratelimit.limits.LimitSpec;
import dev.polygate.policies.ratelimit.local.LocalLimiter;
import dev.polygate.policies.ratelimit.redis.RedisLimiter;
import dev.polygate.policies.ratelimit.redis.RedisSettings;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyChain;
import dev.polygate.spi.Verdict;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/**
 * The {@code rateLimit} policy: counts each request against its key's limits, on this node or in Redis, refuses
 * it with 429 when a limit is spent, and tells clients where they stand with the {@code RateLimit} fields.
 */
final class RateLimitPolicy implements Policy {
    private final KeySpec key;
    private final List<LimitSpec> limits;
    private final RateLimitFields fields;
    private final boolean shadow;
    private final boolean headers;
    private final LocalLimiter local;
    private final RedisLimiter global;
    private final RedisSettings.FailureMode failure;

    private RateLimitPolicy(RateLimitSettings settings, LocalLimiter local, RedisLimiter global) {
        this.key = settings.key();
        this.limits = settings.limits();
        this.fields = new RateLimitFields(settings.limits());
        this.shadow = settings.shadow();
        this.headers = settings.headers();
        this.local = local;
        this.global = global;
        this.failure = settings.redis() == null ? RedisSettings.FailureMode.OPEN : settings.redis().failure();
    }

    static RateLimitPolicy local(RateLimitSettings settings, LocalLimiter limiter) {
        return new RateLimitPolicy(settings, limiter, null);
    }

    static RateLimitPolicy global(RateLimitSettings settings, RedisLimiter limiter) {
        return new RateLimitPolicy(settings, null, limiter);
    }

    @Override
    public void apply(Exchange exchange, PolicyChain chain) {
        String counted = key.of(exchange);
        if (local == null) {
            chain.await(exchange, global.decide(counted, exchange.executor(), decision -> verdict(exchange, decision)), global.timeout(),
                    () -> verdict(exchange, global.late()));
            return;
        }
        Verdict verdict = verdict(exchange, local.decide(counted));
        if (verdict instanceof Verdict.Proceed proceed) {
            chain.proceed(proceed.exchange());
        } else {
            chain.reject(exchange, ((Verdict.Reject) verdict).error());
        }
    }

    private Verdict verdict(Exchange exchange, Decision decision) {
        if (!decision.checked() && failure == RedisSettings.FailureMode.CLOSED && !shadow) {
            HttpHeaders refusal = new DefaultHttpHeaders().set(RateLimitFields.RETRY_AFTER, 1)
                    .add(RateLimitFields.POLICY, fields.policy());
            return Verdict.reject(new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE,
                    "rate limits cannot be checked right now", "the rate-limit store did not answer in time", null)
                    .withHeaders(refusal));
        }
        if (!decision.checked() || decision.allowed() || shadow) {
            return Verdict.proceed(headers ? exchange.with(exchange.requestBody(),
                    new FieldsSink(exchange.response(), answer -> fields.addTo(answer, decision))) : exchange);
        }
        HttpHeaders refusal = new DefaultHttpHeaders().set(RateLimitFields.RETRY_AFTER, decision.retryAfterSeconds());
        fields.addTo(refusal, decision);
        return Verdict.reject(new GatewayException(ErrorKind.RATE_LIMITED, refusedBy(decision)).withHeaders(refusal));
    }

    private String refusedBy(Decision decision) {
        StringBuilder text = new StringBuilder("rate limit exceeded:");
        List<LimitOutcome> outcomes = decision.outcomes();
        String separator = " ";
        for (int i = 0; i < outcomes.size(); i++) {
            if (!outcomes.get(i).allowed()) {
                LimitSpec limit = limits.get(i);
                text.append(separator).append('\'').append(limit.name()).append("' allows ").append(limit.requests())
                        .append(" per ").append(limit.per().toSeconds()).append('s');
                separator = ", ";
            }
        }
        return text.append("; retry in ").append(decision.retryAfterSeconds()).append('s').toString();
    }
}
