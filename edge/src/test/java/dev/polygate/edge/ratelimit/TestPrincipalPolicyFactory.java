package dev.polygate.edge.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyFactory;
import dev.polygate.spi.Principal;
import dev.polygate.spi.TranslatorContext;
import java.util.Map;
import java.util.Set;

/**
 * A stand-in for authentication in the rate-limit tests, {@code testPrincipal: { header: x-user }}: the request's
 * {@code x-user} names the consumer, its {@code x-tenant} (when present) becomes the claim {@code tenant}; without
 * the header the caller stays unauthenticated. It trusts whatever the client says: tests only.
 */
public final class TestPrincipalPolicyFactory implements PolicyFactory {
    @Override
    public String name() {
        return "testPrincipal";
    }

    @Override
    public Policy create(JsonNode config, TranslatorContext context) throws ConfigException {
        ConfigNode section = ConfigNode.section(config);
        section.expectObject(Set.of("header"));
        String header = section.text("header", "x-user");
        section.throwIfInvalid();
        return (exchange, chain) -> {
            String user = exchange.request().headers().get(header);
            if (user != null) {
                String tenant = exchange.request().headers().get("x-tenant");
                exchange.context().principal(new Principal(user, Set.of(), Set.of(),
                        tenant == null ? Map.of() : Map.of("tenant", tenant), "test"));
            }
            chain.proceed(exchange);
        };
    }
}
