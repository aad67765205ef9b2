package dev.polygate.edge.runtime;

import dev.polygate.edge.config.RouteConfig;
import dev.polygate.edge.exchange.ExchangeStep;
import dev.polygate.spi.ConfigException;
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
                problems.addAll(e.problems().get(0).path().equals(entry.path()) ? e.problems()
                        : e.under(entry.path()).problems());
            }
        }
        return policies;
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
