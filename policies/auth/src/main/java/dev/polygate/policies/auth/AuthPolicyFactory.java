package dev.polygate.policies.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.policies.auth.consumers.CredentialIndexes;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.Consumer;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyFactory;
import dev.polygate.spi.TranslatorContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code auth} policy: who is calling, proven by one ({@code anyOf}) or every ({@code allOf}) of the listed
 * methods, the consumers' credentials checked against the {@code consumers} section. Any scope.
 */
public final class AuthPolicyFactory implements PolicyFactory {
    private static final Set<String> KEYS = Set.of("anyOf", "allOf", "anonymous", "forward", "keepCredential");

    private final Map<String, AuthMethodFactory> methods;
    private final Set<String> credentialKeys;

    public AuthPolicyFactory() {
        this(ServiceLoader.load(AuthMethodFactory.class, AuthPolicyFactory.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList());
    }

    AuthPolicyFactory(List<AuthMethodFactory> factories) {
        Map<String, AuthMethodFactory> byName = new TreeMap<>();
        Set<String> keys = new HashSet<>();
        for (AuthMethodFactory factory : factories) {
            if (byName.putIfAbsent(factory.name(), factory) != null) {
                throw new IllegalStateException("two authentication methods are named '" + factory.name() + "': "
                        + byName.get(factory.name()).getClass().getName() + " and " + factory.getClass().getName());
            }
            keys.addAll(factory.credentialKeys());
        }
        this.methods = Collections.unmodifiableMap(byName);
        this.credentialKeys = Set.copyOf(keys);
    }

    @Override
    public String name() {
        return "auth";
    }

    @Override
    public Policy create(JsonNode config, TranslatorContext context) throws ConfigException {
        ConfigNode section = ConfigNode.section(config);
        if (!section.isPresent()) {
            section.problem("must be a mapping with anyOf or allOf, e.g. { anyOf: [ { apiKey: { header: x-api-key } } ] }");
        }
        section.expectObject(KEYS);
        CredentialIndexes.Reading credentials = CredentialIndexes.of(context, credentialKeys);
        BlockingPool pool = context.keep(BlockingPool.KEY, BlockingPool.class, BlockingPool::new);
        AuthSetup setup = new AuthSetup(context, byName(context.consumers()), pool, credentials.credentials());
        Combination combination = combination(section);
        List<AuthMethod> built = combination == null ? List.of() : methods(section.get(combination.key()), setup);
        String anonymous = section.text("anonymous", null);
        if (anonymous != null && anonymous.isBlank()) {
            section.get("anonymous").problem("must name the anonymous consumer, e.g. guest");
        }
        IdentityForwarding forwarding = IdentityForwarding.read(section.get("forward"));
        boolean keepCredential = section.bool("keepCredential", false);
        List<ConfigException.Problem> problems = new ArrayList<>();
        try {
            section.throwIfInvalid();
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        problems.addAll(credentials.problems());
        if (!problems.isEmpty()) {
            built.forEach(AuthMethod::close);
            throw new ConfigException(problems);
        }
        return new AuthPolicy(combination, built, anonymous, forwarding, keepCredential);
    }

    private static Combination combination(ConfigNode section) {
        boolean any = section.get("anyOf").isPresent();
        boolean all = section.get("allOf").isPresent();
        if (any == all && section.isPresent()) {
            section.problem("give exactly one of anyOf (one method must accept) and allOf (every method must)");
            return null;
        }
        return all ? Combination.ALL_OF : Combination.ANY_OF;
    }

    private List<AuthMethod> methods(ConfigNode list, AuthSetup setup) {
        List<AuthMethod> built = new ArrayList<>();
        List<ConfigNode> items = list.items();
        if (items.isEmpty() && list.raw().isArray()) {
            list.problem("must list at least one method: " + String.join(", ", methods.keySet()));
        }
        for (ConfigNode item : items) {
            JsonNode raw = item.raw();
            if (!raw.isObject() || raw.size() != 1) {
                item.problem("must be one method, such as { apiKey: { header: x-api-key } }; known: "
                        + String.join(", ", methods.keySet()));
                continue;
            }
            String name = raw.fieldNames().next();
            AuthMethodFactory factory = methods.get(name);
            if (factory == null) {
                item.get(name).problem("unknown authentication method; known: " + String.join(", ", methods.keySet()));
                continue;
            }
            built.add(factory.create(item.get(name), setup));
        }
        return built;
    }

    private static Map<String, Consumer> byName(List<Consumer> consumers) {
        Map<String, Consumer> byName = new LinkedHashMap<>();
        consumers.forEach(consumer -> byName.putIfAbsent(consumer.name(), consumer));
        return byName;
    }
}
