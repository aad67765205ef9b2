package dev.polygate.edge.runtime;

import dev.polygate.edge.config.GatewayConfig;
import dev.polygate.edge.config.RouteConfig;
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
import dev.polygate.spi.PolicyChain;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
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
    private final List<Translator> translators;
    private final Map<String, Translator> translatorsByRoute;

    private RoutingSnapshot(RouteTable<RouteEntry> table, List<Translator> translators,
                            Map<String, Translator> translatorsByRoute) {
        this.table = table;
        this.translators = translators;
        this.translatorsByRoute = translatorsByRoute;
    }

    RouteTable<RouteEntry> table() {
        return table;
    }

    /** Builds every route; all problems of all routes are reported together. */
    public static RoutingSnapshot build(GatewayConfig config, Extensions extensions, TranslatorContext baseContext)
            throws ConfigException {
        DocumentsAwareContext context = new DocumentsAwareContext(baseContext,
                config.routes().stream().map(RouteConfig::name).collect(Collectors.toSet()));
        List<ConfigException.Problem> problems = new ArrayList<>();
        List<RouteRule<RouteEntry>> rules = new ArrayList<>();
        List<Translator> translators = new ArrayList<>();
        Map<String, Translator> byRoute = new LinkedHashMap<>();
        RouteTable<RouteEntry> table;
        try {
            for (RouteConfig route : config.routes()) {
                try {
                    int before = translators.size();
                    rules.add(rule(route, config, extensions, context, translators));
                    byRoute.put(route.name(), translators.get(before));
                } catch (ConfigException e) {
                    problems.addAll(e.problems());
                }
            }
            problems.addAll(GrpcServiceClashes.find(config.routes(), byRoute));
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            table = RouteTable.of(rules);
        } catch (ConfigException | RuntimeException e) {
            translators.forEach(Translator::close);
            throw e;
        }
        context.complete(byRoute);
        return new RoutingSnapshot(table, List.copyOf(translators), byRoute);
    }

    private static RouteRule<RouteEntry> rule(RouteConfig route, GatewayConfig config, Extensions extensions,
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
            translator = extensions.translator(route.translator(), ConfigPaths.join(route.path(), "translator"))
                    .create(route.backend(), routeContext);
            translators.add(translator);
        } catch (ConfigException e) {
            problems.addAll(e.problems().get(0).path().endsWith(".translator") ? e.problems()
                    : placeUnderBackend(e, route));
        }
        List<Policy> policies = new ArrayList<>();
        if (config.limits().maxRequestBody() > 0) {
            policies.add(new BodyLimitPolicy(config.limits().maxRequestBody()));
        }
        for (RouteConfig.PolicyEntry entry : route.policies()) {
            try {
                policies.add(extensions.policy(entry.name(), entry.path()).create(entry.config(), routeContext));
            } catch (ConfigException e) {
                problems.addAll(e.problems().get(0).path().equals(entry.path()) ? e.problems()
                        : e.under(entry.path()).problems());
            }
        }
        // A route left without any path had each one refused where it is written, by the configuration reader:
        // only a check of a file with problems of its own builds such a route, and gets those problems.
        if (!problems.isEmpty() || paths.isEmpty()) {
            throw new ConfigException(problems);
        }
        Translator terminal = translator;
        PolicyChain chain = WebSocketRouteGate.wrap(terminal, route.name(), route.websocket());
        for (int i = policies.size() - 1; i >= 0; i--) {
            chain = new PolicyLink(policies.get(i), chain);
        }
        RouteEntry entry = new RouteEntry(route.name(), route.translator(), chain, route.stripPrefix(), route.rewrite());
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
    }
}
