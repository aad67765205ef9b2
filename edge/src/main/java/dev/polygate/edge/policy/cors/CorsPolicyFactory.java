package dev.polygate.edge.policy.cors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyFactory;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.translators.model.web.CorsPreflight;
import dev.polygate.translators.model.web.CorsRules;
import dev.polygate.translators.model.web.GrpcWebConfig;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * {@code cors: {allowOrigins: [...], allowMethods: [...], allowHeaders: [...], exposeHeaders: [...],
 * allowCredentials: false, maxAge: 2h}}: cross-origin calls from browsers, in any scope.
 */
public final class CorsPolicyFactory implements PolicyFactory {
    /** Every method a REST API commonly takes; GET, HEAD and POST need no preflight, but may be asked for anyway. */
    static final List<String> DEFAULT_METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

    @Override
    public String name() {
        return "cors";
    }

    @Override
    public Policy create(JsonNode config, TranslatorContext context) throws ConfigException {
        ConfigNode section = ConfigNode.section(config);
        if (!section.expectObject(new LinkedHashSet<>(List.of("allowOrigins", "allowMethods", "allowHeaders",
                "exposeHeaders", "allowCredentials", "maxAge")))) {
            section.problem("must be a mapping such as {allowOrigins: [ \"https://app.example.com\" ]}");
        }
        List<String> origins = origins(section);
        List<String> methods = methods(section);
        List<String> allowHeaders = section.get("allowHeaders").isPresent()
                ? headerNames(section, "allowHeaders") : CorsPreflight.ALWAYS_ALLOWED;
        List<String> exposeHeaders = section.get("exposeHeaders").isPresent()
                ? headerNames(section, "exposeHeaders") : CorsPreflight.ALWAYS_EXPOSED;
        boolean credentials = section.bool("allowCredentials", false);
        if (credentials && origins.contains("*")) {
            section.get("allowCredentials").problem("cannot be true when allowOrigins has \"*\": browsers refuse "
                    + "credentials for any origin; list the origins");
        }
        if (credentials && exposeHeaders.contains("*")) {
            section.get("exposeHeaders").problem("\"*\" names no header when credentials are allowed; list them");
        }
        Duration maxAge = section.duration("maxAge", GrpcWebConfig.DEFAULT_MAX_AGE);
        section.throwIfInvalid();
        return new CorsPolicy(new CorsRules(origins, methods, allowHeaders, exposeHeaders, credentials, maxAge));
    }

    private static List<String> origins(ConfigNode section) {
        ConfigNode node = section.get("allowOrigins");
        if (!node.isPresent()) {
            node.problem("is required: the origins that may call, e.g. [ \"https://app.example.com\" ], or \"*\"");
            return List.of();
        }
        List<String> origins = section.textList("allowOrigins");
        List<ConfigNode> items = node.raw().isArray() ? node.items() : List.of(node);
        for (int i = 0; i < origins.size() && i < items.size(); i++) {
            String problem = CorsRules.originProblem(origins.get(i).trim());
            if (problem != null) {
                items.get(i).problem(problem);
            }
        }
        if (origins.isEmpty() && node.raw().isArray()) {
            node.problem("needs at least one origin, or \"*\"");
        }
        return origins;
    }

    private static List<String> methods(ConfigNode section) {
        if (!section.get("allowMethods").isPresent()) {
            return DEFAULT_METHODS;
        }
        List<String> methods = section.textList("allowMethods").stream()
                .map(m -> m.trim().toUpperCase(Locale.ROOT)).toList();
        List<ConfigNode> items = section.get("allowMethods").items();
        for (int i = 0; i < methods.size() && i < items.size(); i++) {
            if (!isToken(methods.get(i))) {
                items.get(i).problem("'" + methods.get(i) + "' is not an HTTP method");
            }
        }
        return methods;
    }

    private static List<String> headerNames(ConfigNode section, String key) {
        List<String> names = section.textList(key).stream().map(String::trim).toList();
        List<ConfigNode> items = section.get(key).raw().isArray() ? section.get(key).items() : List.of();
        for (int i = 0; i < names.size() && i < items.size(); i++) {
            if (!names.get(i).equals("*") && !isToken(names.get(i))) {
                items.get(i).problem("'" + names.get(i) + "' is not a header name");
            }
        }
        return names;
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean tchar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }
}
