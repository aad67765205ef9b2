package dev.polygate.edge.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyFactory;
import dev.polygate.spi.TranslatorContext;
import java.util.Set;

/** {@code bodyLimit: {maxBytes: 1MiB}}: the route's request body size limit. */
public final class BodyLimitPolicyFactory implements PolicyFactory {
    @Override
    public String name() {
        return "bodyLimit";
    }

    @Override
    public Policy create(JsonNode config, TranslatorContext context) throws ConfigException {
        ConfigNode section = ConfigNode.section(config);
        if (!section.expectObject(Set.of("maxBytes"))) {
            section.problem("must be a mapping such as {maxBytes: 1MiB}");
        }
        long max = section.size("maxBytes", -1);
        if (max < 0 && !section.get("maxBytes").isPresent()) {
            section.get("maxBytes").problem("is required, e.g. 1MiB");
        }
        section.throwIfInvalid();
        return new BodyLimitPolicy(max);
    }
}
