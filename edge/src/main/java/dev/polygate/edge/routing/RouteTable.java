package dev.polygate.edge.routing;

import io.netty.handler.codec.http.HttpHeaders;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The immutable set of routes for a listener, kept in precedence order so that a request is routed by a plain
 * first-match scan.
 *
 * <p>Precedence, most specific first: host ({@link HostPattern#specificity()}), then path (exact, template,
 * prefix; see {@link PathPattern}), then a method-restricted route over one that takes any method, then more
 * header conditions over fewer, then configuration order.
 *
 * @param <T> the route target type
 */
public final class RouteTable<T> {

    private static final Comparator<RouteRule<?>> MOST_SPECIFIC_FIRST = Comparator
            .comparingInt((RouteRule<?> rule) -> -rule.host().specificity())
            .thenComparing(RouteRule::path, PathPattern.MOST_SPECIFIC_FIRST)
            .thenComparing(rule -> rule.methods().isEmpty())
            .thenComparingInt(rule -> -rule.headers().size());

    private final List<RouteRule<T>> rules;

    private RouteTable(List<RouteRule<T>> rules) {
        this.rules = rules;
    }

    /**
     * Builds the table, sorting once into precedence order.
     *
     * @param rulesInConfigOrder the routes as written in the configuration; the order breaks ties
     * @throws IllegalArgumentException if two routes share a name
     */
    public static <T> RouteTable<T> of(List<RouteRule<T>> rulesInConfigOrder) {
        Set<String> names = new HashSet<>();
        for (RouteRule<T> rule : rulesInConfigOrder) {
            if (!names.add(rule.name())) {
                throw new IllegalArgumentException("route name '" + rule.name() + "' is used more than once");
            }
        }
        List<RouteRule<T>> sorted = new ArrayList<>(rulesInConfigOrder);
        // List.sort is stable, which is what keeps configuration order among equally specific routes.
        sorted.sort(MOST_SPECIFIC_FIRST);
        return new RouteTable<>(List.copyOf(sorted));
    }

    /**
     * Finds the most specific route for a request.
     *
     * @param host           the Host or :authority value, possibly with a port; may be null
     * @param normalizedPath the path as returned by {@link PathNormalizer#normalize(String)}
     * @param method         the request method, as sent (case-sensitive)
     * @param headers        the request headers; may be null when there are none
     * @return the winning route and its captures, or empty when no route matches
     */
    public Optional<RouteMatch<T>> match(String host, String normalizedPath, String method, HttpHeaders headers) {
        for (RouteRule<T> rule : rules) {
            // Cheapest checks first; the path match is the only step that may allocate, and only on success.
            if (rule.host().matches(host) && rule.acceptsMethodAndHeaders(method, headers)) {
                Optional<PathMatch> path = rule.path().match(normalizedPath);
                if (path.isPresent()) {
                    return Optional.of(new RouteMatch<>(rule, path.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** The routes in precedence order, as {@link #match} tries them; for the start-up summary. */
    public List<RouteRule<T>> rules() {
        return rules;
    }
}
