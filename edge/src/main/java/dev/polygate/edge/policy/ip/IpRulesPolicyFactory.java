package dev.polygate.edge.policy.ip;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.edge.address.AddressSet;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyFactory;
import dev.polygate.spi.TranslatorContext;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code ipRules: {allow: [10.0.0.0/8, "2001:db8::/32"], deny: [10.6.6.0/24]}}: which client addresses (as the
 * gateway trusts them, behind {@code trustedProxies}) may call, in any scope.
 */
public final class IpRulesPolicyFactory implements PolicyFactory {
    @Override
    public String name() {
        return "ipRules";
    }

    @Override
    public Policy create(JsonNode config, TranslatorContext context) throws ConfigException {
        ConfigNode section = ConfigNode.section(config);
        if (!section.expectObject(new LinkedHashSet<>(List.of("allow", "deny")))) {
            section.problem("must be a mapping such as {allow: [ \"10.0.0.0/8\" ], deny: [ \"10.6.6.0/24\" ]}");
        }
        AddressSet allow = AddressSet.read(section.get("allow"));
        AddressSet deny = AddressSet.read(section.get("deny"));
        if (section.isPresent() && section.raw().isObject() && !section.get("allow").isPresent()
                && !section.get("deny").isPresent()) {
            section.problem("needs allow, deny or both");
        }
        section.throwIfInvalid();
        return new IpRulesPolicy(section.get("allow").isPresent() ? allow : null, deny);
    }
}
