package dev.polygate.policies.auth.authorize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyFactory;
import dev.polygate.spi.TranslatorContext;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code authorize} policy: the groups, scopes and claims a caller needs, for the whole route and per operation
 * ({@code package.Service/Method}, known on grpc and soap routes whatever protocol the client speaks). An
 * operation's rule replaces the route's for it; with {@code denyByDefault} operations not listed are refused. It
 * reads the principal an {@code auth} policy before it left.
 */
public final class AuthorizePolicyFactory implements PolicyFactory {
    private static final Pattern OPERATION = Pattern.compile("[A-Za-z_][\\w.]*/[A-Za-z_]\\w*");

    @Override
    public String name() {
        return "authorize";
    }

    @Override
    public Policy create(JsonNode config, TranslatorContext context) throws ConfigException {
        ConfigNode section = ConfigNode.section(config);
        Set<String> keys = new LinkedHashSet<>(AccessRule.KEYS);
        keys.add("operations");
        keys.add("denyByDefault");
        section.expectObject(keys);
        AccessRule routeRule = AccessRule.read(section);
        boolean denyByDefault = section.bool("denyByDefault", false);
        Map<String, AccessRule> operations = new LinkedHashMap<>();
        section.get("operations").entries().forEach((name, node) -> {
            if (!OPERATION.matcher(name).matches()) {
                node.problem("must be named package.Service/Method, e.g. demo.greeter.v1.Greeter/SayHello");
            }
            node.expectObject(AccessRule.KEYS);
            operations.put(name, node.isPresent() ? AccessRule.read(node) : AccessRule.ANY_CALLER);
        });
        if (denyByDefault && !routeRule.isEmpty()) {
            section.get("denyByDefault").problem("with denyByDefault only the operations' rules apply: move the"
                    + " route-wide groups, scopes and claims into each operation");
        }
        section.throwIfInvalid();
        return new AuthorizePolicy(routeRule, operations, denyByDefault);
    }
}
