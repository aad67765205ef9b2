package dev.polygate.policies.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.policies.ratelimit.concurrency.ConcurrencyLimitPolicy;
import dev.polygate.policies.ratelimit.concurrency.InFlight;
import dev.polygate.policies.ratelimit.keys.KeySpec;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyFactory;
import dev.polygate.spi.TranslatorContext;
import java.util.Set;

/**
 * {@code concurrencyLimit: { key: consumer, max: 10 }}: in-flight requests (and open WebSocket sessions) per key, on
 * each node.
 */
public final class ConcurrencyLimitPolicyFactory implements PolicyFactory {
    @Override
    public String name() {
        return "concurrencyLimit";
    }

    @Override
    public Policy create(JsonNode config, TranslatorContext context) throws ConfigException {
        ConfigNode section = ConfigNode.section(config);
        section.expectObject(Set.of("key", "max", "name", "headers"));
        KeySpec key = KeySpec.read(section, "key", "consumer");
        if (!section.get("max").isPresent()) {
            section.get("max").problem("is required: how many requests of one key may be in flight at once");
        }
        int max = section.integer("max", 1, 1, 1_000_000);
        String name = section.text("name", "concurrency");
        if (!name.matches("[A-Za-z0-9._-]{1,32}")) {
            section.get("name").problem("must be 1 to 32 letters, digits, '.', '_' or '-'");
        }
        boolean headers = section.bool("headers", true);
        section.throwIfInvalid();
        InFlight inFlight = context.keep("concurrencyLimit:" + name + ":" + key.describe(), InFlight.class,
                InFlight::new);
        return new ConcurrencyLimitPolicy(key, max, name, headers, inFlight);
    }
}
