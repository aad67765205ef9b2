package dev.polygate.policies.ratelimit;

import dev.polygate.policies.ratelimit.keys.KeySpec;
import dev.polygate.policies.ratelimit.limits.LimitSpec;
import dev.polygate.policies.ratelimit.limits.LimitsSection;
import dev.polygate.policies.ratelimit.redis.RedisSettings;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigNode;
import java.util.List;
import java.util.Set;

/**
 * A {@code rateLimit} section.
 *
 * @param key       what the limits count by
 * @param limits    every one must allow a request
 * @param redis     where the counters live for {@code scope: global}; null for {@code scope: local}
 * @param shadow    count and tell, never refuse
 * @param headers   add {@code RateLimit-Policy} and {@code RateLimit} to the answers the policy lets through
 * @param localKeys local scope: the most keys each limit keeps counters for on this node
 */
record RateLimitSettings(KeySpec key, List<LimitSpec> limits, RedisSettings redis, boolean shadow, boolean headers,
                         int localKeys) {

    static RateLimitSettings read(ConfigNode section) throws ConfigException {
        section.expectObject(Set.of("key", "limits", "scope", "redis", "shadow", "headers", "localKeys"));
        KeySpec key = KeySpec.read(section, "key", "consumer");
        ConfigNode limitsNode = section.get("limits");
        if (!limitsNode.isPresent()) {
            limitsNode.problem("is required: a list such as [ { name: burst, requests: 10, per: 1s } ]");
        }
        List<LimitSpec> limits = LimitsSection.read(limitsNode);
        String scope = section.text("scope", "local");
        RedisSettings redis = null;
        if (scope.equals("global")) {
            if (section.get("redis").isPresent()) {
                redis = RedisSettings.read(section.get("redis"));
            } else {
                section.get("redis").problem("is required with scope: global, e.g. { uri: \"redis://127.0.0.1:6379\" }");
            }
            if (section.get("localKeys").isPresent()) {
                section.get("localKeys").problem("applies to scope: local only");
            }
        } else if (scope.equals("local")) {
            if (section.get("redis").isPresent()) {
                section.get("redis").problem("applies to scope: global only");
            }
        } else {
            section.get("scope").problem("must be local (counted on each node) or global (shared through Redis)");
        }
        boolean shadow = section.bool("shadow", false);
        boolean headers = section.bool("headers", true);
        int localKeys = section.integer("localKeys", 100_000, 100, 10_000_000);
        section.throwIfInvalid();
        return new RateLimitSettings(key, limits, redis, shadow, headers, localKeys);
    }
}
