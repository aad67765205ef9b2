package dev.polygate.edge.runtime;

import dev.polygate.edge.config.RouteConfig;
import dev.polygate.edge.exchange.ExchangeStep;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigPaths;
import dev.polygate.spi.Consumer;
import dev.polygate.spi.Policy;
import dev.polygate.spi.TranslatorContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the policies of one scope (global, a listener, a route) and links them into a chain. Every policy built
 * is recorded, so the snapshot closes them all when it retires, or when its build fails.
 */
final class ScopeBuilder {
    /** A built policy with the name it was configured under, for the log lines about it. */
    record Named(String name, Policy policy) {
    }

    private final Extensions extensions;
    private final List<Policy> built;
    private final Duration deadline;

    ScopeBuilder(Extensions extensions, List<Policy> built, Duration deadline) {
        this.extensions = extensions;
        this.built = built;
        this.deadline = deadline;
    }

    Extensions extensions() {
        return extensions;
    }

    /** Builds each entry; the problems of all of them are added to {@code problems}, placed in the file. */
    List<Named> policies(List<RouteConfig.PolicyEntry> entries, TranslatorContext context,
                         List<ConfigException.Problem> problems) {
        List<Named> policies = new ArrayList<>();
        for (RouteConfig.PolicyEntry entry : entries) {
            try {
                Policy policy = extensions.policy(entry.name(), entry.path()).create(entry.config(), context);
                built.add(policy);
                policies.add(new Named(entry.name(), policy));
            } catch (ConfigException e) {
                problems.addAll(placed(e, entry, context.consumers()));
            }
        }
        return policies;
    }

    /**
     * A policy's problems placed in the file: under its entry, except those already placed there (an unknown policy
     * name, at the entry itself) and those about a consumer's credentials, which authentication policies read and
     * report at the consumer ({@code consumers[2].credentials.apiKeys[0]}).
     */
    private static List<ConfigException.Problem> placed(ConfigException e, RouteConfig.PolicyEntry entry,
                                                        List<Consumer> consumers) {
        return e.problems().stream()
                .map(p -> p.path().equals(entry.path()) || aboutConsumer(p.path(), consumers) ? p
                        : new ConfigException.Problem(ConfigPaths.join(entry.path(), p.path()), p.message()))
                .toList();
    }

    private static boolean aboutConsumer(String path, List<Consumer> consumers) {
        for (Consumer consumer : consumers) {
            String at = consumer.path();
            if (path.equals(at) || path.startsWith(at + ".") || path.startsWith(at + "[")) {
                return true;
            }
        }
        return false;
    }

    /** A policy the gateway adds itself, such as the body limit of {@code limits.maxRequestBody}. */
    Named own(String name, Policy policy) {
        built.add(policy);
        return new Named(name, policy);
    }

    /** The policies in order, then {@code end}; a policy's rejections are rendered by {@code rejector}. */
    ExchangeStep chain(List<Named> policies, ExchangeStep end, Rejector rejector) {
        ExchangeStep chain = end;
        for (int i = policies.size() - 1; i >= 0; i--) {
            Named named = policies.get(i);
            chain = new PolicyLink(named.name(), named.policy(), chain, rejector, deadline);
        }
        return chain;
    }
}
