package dev.polygate.edge.runtime;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.polygate.edge.config.GatewayConfig;
import dev.polygate.edge.config.ListenerConfig;
import dev.polygate.edge.config.RouteConfig;
import dev.polygate.edge.exchange.ExchangeStep;
import dev.polygate.edge.policy.BodyLimitPolicy;
import dev.polygate.edge.routing.HostPattern;
import dev.polygate.edge.routing.PathPattern;
import dev.polygate.edge.routing.RouteRule;
import dev.polygate.edge.routing.RouteTable;
import dev.polygate.edge.websocket.WebSocketRouteGate;
import dev.polygate.spi.ApiDocument;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigPaths;
import dev.polygate.spi.Policy;
import dev.polygate.spi.Translator;
import dev.polygate.spi.TranslatorContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Everything a configuration decides about requests: the route table with each route's policy chain and
 * translator. Immutable; a reload builds a new one and swaps it in whole.
 */
public final class RoutingSnapshot implements AutoCloseable {
    private final RouteTable<RouteEntry> table;
    private final ExchangeStep entry;
    private final List<Translator> translators;
    private final Map<String, Translator> translatorsByRoute;
    private final List<Policy> policies;
    private final SnapshotContext context;

    private RoutingSnapshot(RouteTable<RouteEntry> table, ExchangeStep entry, List<Translator> translators,
                            Map<String, Translator> translatorsByRoute, List<Policy> policies,
                            SnapshotContext context) {
        this.table = table;
        this.entry = entry;
        this.translators = translators;
        this.translatorsByRoute = translatorsByRoute;
        this.policies = policies;
        this.context = context;
    }

    RouteTable<RouteEntry> table() {
        return table;
    }

    /**
     * Where every exchange starts: the client's address behind the trusted proxies, the global policies, then its
     * listener's, then routing.
     */
    ExchangeStep entry() {
        return entry;
    }

    /** Builds every route and policy; all problems of all routes and policies are reported together. */
    public static RoutingSnapshot build(GatewayConfig config, Extensions extensions, TranslatorContext baseContext)
            throws ConfigException {
        SnapshotContext context = new SnapshotContext(baseContext,
                config.routes().stream().map(RouteConfig::name).collect(Collectors.toSet()));
        List<ConfigException.Problem> problems = new ArrayList<>();
        List<RouteRule<RouteEntry>> rules = new ArrayList<>();
        List<Translator> translators = new ArrayList<>();
        List<Policy> policies = new ArrayList<>();
        Map<String, Translator> byRoute = new LinkedHashMap<>();
        ExchangeStep entry;
        RouteTable<RouteEntry> table;
        try {
            ScopeBuilder scopes = new ScopeBuilder(extensions, policies, config.policyTimeout());
            List<ScopeBuilder.Named> global = scopes.policies(config.policies(), context, problems);
            Map<String, List<ScopeBuilder.Named>> byListener = new LinkedHashMap<>();
            for (ListenerConfig listener : config.listeners()) {
                byListener.put(listener.name(), scopes.policies(listener.policies(), context, problems));
            }
            for (RouteConfig route : config.routes()) {
                try {
                    int before = translators.size();
                    rules.add(rule(route, config, scopes, context, translators));
                    byRoute.put(route.name(), translators.get(before));
                } catch (ConfigException e) {
                    problems.addAll(e.problems());
                }
            }
            problems.addAll(GrpcServiceClashes.find(config.routes(), byRoute));
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            table = RouteTable.of(rules, config.paths().caseSensitive());
            ExchangeStep routing = new RouteSelection(table, config.paths());
            Map<String, ExchangeStep> listenerSteps = new LinkedHashMap<>();
            byListener.forEach((name, list) -> listenerSteps.put(name, scopes.chain(list, routing, Rejector.PLAIN)));
            entry = scopes.chain(global, new ListenerSwitch(listenerSteps, routing), Rejector.PLAIN);
            if (!config.trustedProxies().isEmpty()) {
                entry = new TrustedClientStep(config.trustedProxies(), entry);
            }
        } catch (ConfigException | RuntimeException e) {
            translators.forEach(Translator::close);
            closeAll(policies);
            context.releaseKept();
            throw e;
        }
        context.complete(byRoute);
        return new RoutingSnapshot(table, entry, List.copyOf(translators), byRoute, List.copyOf(policies), context);
    }

    private static RouteRule<RouteEntry> rule(RouteConfig route, GatewayConfig config, ScopeBuilder scopes,
                                              TranslatorContext context, List<Translator> translators)
            throws ConfigException {
        List<ConfigException.Problem> problems = new ArrayList<>();
        RouteConfig.Match match = route.match();
        List<PathPattern> paths = RoutePathCompiler.compile(route, problems);
        HostPattern host = null;
        try {
            host = HostPattern.parse(match.host());
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigException.Problem(ConfigPaths.join(route.path(), "match.host"), e.getMessage()));
        }
        TranslatorContext routeContext = new RouteScopedContext(context, MatchedPaths.of(route, paths));
        Translator translator = null;
        try {
            translator = scopes.extensions().translator(route.translator(), ConfigPaths.join(route.path(), "translator"))
                    .create(route.backend(), routeContext);
            translators.add(translator);
        } catch (ConfigException e) {
            problems.addAll(e.problems().get(0).path().endsWith(".translator") ? e.problems()
                    : placeUnderBackend(e, route));
        }
        List<ScopeBuilder.Named> policies = new ArrayList<>();
        if (config.limits().maxRequestBody() > 0) {
            policies.add(scopes.own("bodyLimit", new BodyLimitPolicy(config.limits().maxRequestBody())));
        }
        policies.addAll(scopes.policies(route.policies(), routeContext, problems));
        // A route left without any path had each one refused where it is written, by the configuration reader:
        // only a check of a file with problems of its own builds such a route, and gets those problems.
        if (!problems.isEmpty() || paths.isEmpty()) {
            throw new ConfigException(problems);
        }
        Translator terminal = translator;
        ExchangeStep chain = scopes.chain(policies, WebSocketRouteGate.wrap(terminal, route.name(), route.websocket()),
                terminal::reject);
        RouteEntry entry = new RouteEntry(route.name(), route.translator(), terminal, chain, route.stripPrefix(),
                route.rewrite());
        return new RouteRule<>(route.name(), host, paths, match.methods(), match.headers(), entry);
    }

    /**
     * A translator's problems placed in the file: under the route's {@code backend} section, except those at one
     * of the route's match paths, whose locations are already paths of the file.
     */
    private static List<ConfigException.Problem> placeUnderBackend(ConfigException e, RouteConfig route) {
        String backend = ConfigPaths.join(route.path(), "backend");
        return e.problems().stream()
                .map(p -> route.match().paths().stream().anyMatch(m -> m.location().equals(p.path())) ? p
                        : new ConfigException.Problem(ConfigPaths.join(backend, p.path()), p.message()))
                .toList();
    }

    /**
     * The routes in precedence order (of their most specific path), each with its translator and every path it
     * matches, such as {@code greeter -> grpc (template /v1/greeter/**, template /demo.greeter.v1.Greeter/*)};
     * for the start-up summary and the admin API's {@code /routes}.
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (RouteRule<RouteEntry> rule : table.rules()) {
            lines.add(rule.name() + " -> " + rule.target().translatorName() + " ("
                    + rule.paths().stream().map(PathPattern::toString).collect(Collectors.joining(", ")) + ")");
        }
        return lines;
    }

    /** Each route's API documents (routes without any are left out), in configuration order. */
    public Map<String, List<ApiDocument>> documents() {
        Map<String, List<ApiDocument>> documents = new LinkedHashMap<>();
        translatorsByRoute.forEach((route, translator) -> {
            List<ApiDocument> list = translator.documents();
            if (!list.isEmpty()) {
                documents.put(route, list);
            }
        });
        return documents;
    }

    /**
     * Asks every route's translator to refresh what it learns from its backend (the admin API's
     * {@code POST /refresh}); completes with a JSON report once all have answered.
     */
    public CompletionStage<String> refresh() {
        List<CompletableFuture<String>> results = new ArrayList<>();
        List<String> routes = new ArrayList<>(translatorsByRoute.keySet());
        for (String route : routes) {
            CompletableFuture<String> result;
            try {
                result = translatorsByRoute.get(route).refresh().toCompletableFuture();
            } catch (RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
            }
            results.add(result.handle((what, failure) -> refreshLine(route, what, failure)));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(done -> {
            StringBuilder json = new StringBuilder("{\"routes\":[");
            for (int i = 0; i < results.size(); i++) {
                String line = results.get(i).join();
                if (line != null) {
                    json.append(json.charAt(json.length() - 1) == '[' ? "" : ",").append(line);
                }
            }
            return json.append("]}").toString();
        });
    }

    private static String refreshLine(String route, String what, Throwable failure) {
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        if (failure != null) {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            return "{\"route\":\"" + new String(encoder.quoteAsString(route)) + "\",\"status\":\"failed\",\"detail\":\""
                    + new String(encoder.quoteAsString(String.valueOf(cause.getMessage()))) + "\"}";
        }
        if (what == null) {
            return null; // nothing to refresh on this route
        }
        return "{\"route\":\"" + new String(encoder.quoteAsString(route)) + "\",\"status\":\"refreshed\",\"detail\":\""
                + new String(encoder.quoteAsString(what)) + "\"}";
    }

    @Override
    public void close() {
        translators.forEach(Translator::close);
        closeAll(policies);
        context.releaseKept();
    }

    private static void closeAll(List<Policy> policies) {
        for (Policy policy : policies) {
            try {
                policy.close();
            } catch (RuntimeException e) {
                // one policy failing to close must not keep the others open
            }
        }
    }
}
