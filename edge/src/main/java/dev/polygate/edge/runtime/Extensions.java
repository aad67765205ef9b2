package dev.polygate.edge.runtime;

import dev.polygate.spi.ConfigException;
import dev.polygate.spi.PolicyFactory;
import dev.polygate.spi.TranslatorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/** The translators and policies found on the class path, by their unique names. */
public final class Extensions {
    private final Map<String, TranslatorFactory> translators;
    private final Map<String, PolicyFactory> policies;

    private Extensions(Map<String, TranslatorFactory> translators, Map<String, PolicyFactory> policies) {
        this.translators = translators;
        this.policies = policies;
    }

    /** Loads every registered factory; two with one name is a start-up error. */
    public static Extensions load() throws ConfigException {
        List<ConfigException.Problem> problems = new ArrayList<>();
        Map<String, TranslatorFactory> translators = byName(ServiceLoader.load(TranslatorFactory.class),
                TranslatorFactory::name, "translator", problems);
        Map<String, PolicyFactory> policies = byName(ServiceLoader.load(PolicyFactory.class),
                PolicyFactory::name, "policy", problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Extensions(translators, policies);
    }

    private static <F> Map<String, F> byName(Iterable<F> found, Function<F, String> name, String kind,
                                             List<ConfigException.Problem> problems) {
        Map<String, F> byName = new TreeMap<>();
        for (F factory : found) {
            F earlier = byName.putIfAbsent(name.apply(factory), factory);
            if (earlier != null) {
                problems.add(new ConfigException.Problem("", "two " + kind + "s are registered as '" + name.apply(factory)
                        + "': " + earlier.getClass().getName() + " and " + factory.getClass().getName()));
            }
        }
        return byName;
    }

    TranslatorFactory translator(String name, String path) throws ConfigException {
        TranslatorFactory factory = translators.get(name);
        if (factory == null) {
            throw new ConfigException(path, "unknown translator '" + name + "'; registered: "
                    + String.join(", ", translators.keySet()));
        }
        return factory;
    }

    PolicyFactory policy(String name, String path) throws ConfigException {
        PolicyFactory factory = policies.get(name);
        if (factory == null) {
            throw new ConfigException(path, "unknown policy '" + name + "'; registered: "
                    + String.join(", ", policies.keySet()));
        }
        return factory;
    }
}
