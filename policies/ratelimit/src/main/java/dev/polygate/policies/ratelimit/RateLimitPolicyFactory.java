package dev.polygate.policies.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.policies.ratelimit.local.LocalLimiter;
import dev.polygate.policies.ratelimit.redis.RedisLimiter;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyFactory;
import dev.polygate.spi.TranslatorContext;

/**
 * {@code rateLimit}: limits per key (consumer, client address, route, operation, header, claim), each with GCRA or a
 * sliding window, counted on each node ({@code scope: local}) or for every node in Redis ({@code scope: global}).
 */
public final class RateLimitPolicyFactory implements PolicyFactory {
    @Override
    public String name() {
        return "rateLimit";
    }

    @Override
    public Policy create(JsonNode config, TranslatorContext context) throws ConfigException {
        RateLimitSettings settings = RateLimitSettings.read(ConfigNode.section(config));
        if (settings.redis() != null) {
            return RateLimitPolicy.global(settings, RedisLimiter.kept(settings.limits(), settings.redis(), context));
        }
        return RateLimitPolicy.local(settings,
                LocalLimiter.kept(settings.limits(), settings.localKeys(), context, System::nanoTime));
    }
}
