package dev.polygate.edge.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyFactory;
import dev.polygate.spi.TranslatorContext;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.util.Set;

/**
 * {@code headers: {request: {set: {..}, add: {..}, remove: [..]}, response: {...}}}: header transformation on
 * the way in and on the way out.
 */
public final class HeaderRulesPolicyFactory implements PolicyFactory {
    @Override
    public String name() {
        return "headers";
    }

    @Override
    public Policy create(JsonNode config, TranslatorContext context) throws ConfigException {
        ConfigNode section = ConfigNode.section(config);
        if (!section.expectObject(Set.of("request", "response"))) {
            section.problem("must be a mapping with request and/or response rules");
        }
        HeaderRules request = rules(section.get("request"));
        HeaderRules response = rules(section.get("response"));
        section.throwIfInvalid();
        return new HeaderRulesPolicy(request, response);
    }

    private static HeaderRules rules(ConfigNode node) {
        node.expectObject(Set.of("set", "add", "remove"));
        HeaderRules rules = new HeaderRules(node.textList("remove"), node.textMap("set"), node.textMap("add"));
        // Validate names and values once here rather than failing on the first request.
        DefaultHttpHeaders probe = new DefaultHttpHeaders();
        try {
            rules.applyTo(probe);
        } catch (IllegalArgumentException e) {
            node.problem("invalid header: " + e.getMessage());
        }
        return rules;
    }
}
