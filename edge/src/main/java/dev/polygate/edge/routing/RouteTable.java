package dev.polygate.edge.routing;

import io.netty.handler.codec.http.HttpHeaders;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
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
 * <p>A route with several paths takes part once per path, each exactly where a route with only that path
 * would stand: its specific paths may win over another route while its general ones lose to it. Among equally
 * specific entries the configuration order decides, routes first, then the order of one route's paths.
 *
 * @param <T> the route target type
 */
public final class RouteTable<T> {

    private static final Comparator<Entry<?>> MOST_SPECIFIC_FIRST = Comparator
            .comparingInt((Entry<?> entry) -> -entry.rule().host().specificity())
            .thenComparing(Entry::path, PathPattern.MOST_SPECIFIC_FIRST)
            .thenComparing(entry -> entry.rule().methods().isEmpty())
            .thenComparingInt(entry -> -entry.rule().headers().size());

    /** One path of one route: the unit that is ordered and matched. */
    private record Entry<T>(RouteRule<T> rule, PathPattern path) {
    }

    private final List<Entry<T>> entries;
    private final List<RouteRule<T>> rules;
    private final boolean ignoreCase;

    private RouteTable(List<Entry<T>> entries, boolean ignoreCase) {
        this.entries = entries;
        this.ignoreCase = ignoreCase;
        Set<RouteRule<T>> firstSeen = new LinkedHashSet<>();
        entries.forEach(entry -> firstSeen.add(entry.rule()));
        this.rules = List.copyOf(firstSeen);
    }

    /**
     * Builds the table, sorting once into precedence order.
     *
     * @param rulesInConfigOrder the routes as written in the configuration; the order breaks ties
     * @throws IllegalArgumentException if two routes share a name
     */
    public static <T> RouteTable<T> of(List<RouteRule<T>> rulesInConfigOrder) {
        return of(rulesInConfigOrder, true);
    }

    /** As {@link #of(List)}; with {@code caseSensitive} false, paths match their routes whatever their case. */
    public static <T> RouteTable<T> of(List<RouteRule<T>> rulesInConfigOrder, boolean caseSensitive) {
        Set<String> names = new HashSet<>();
        List<Entry<T>> entries = new ArrayList<>();
        for (RouteRule<T> rule : rulesInConfigOrder) {
            if (!names.add(rule.name())) {
                throw new IllegalArgumentException("route name '" + rule.name() + "' is used more than once");
            }
            rule.paths().forEach(path -> entries.add(new Entry<>(rule, path)));
        }
        // List.sort is stable, which is what keeps configuration order among equally specific entries.
        entries.sort(MOST_SPECIFIC_FIRST);
        return new RouteTable<>(List.copyOf(entries), !caseSensitive);
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
        for (Entry<T> entry : entries) {
            RouteRule<T> rule = entry.rule();
            // Cheapest checks first; the path match is the only step that may allocate, and only on success.
            if (rule.host().matches(host) && rule.acceptsMethodAndHeaders(method, headers)) {
                Optional<PathMatch> path = entry.path().match(normalizedPath, ignoreCase);
                if (path.isPresent()) {
                    return Optional.of(new RouteMatch<>(rule, path.get()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The routes in the order {@link #match} first tries them (a route with several paths where its most
     * specific one stands); for the start-up summary and the admin listing.
     */
    public List<RouteRule<T>> rules() {
        return rules;
    }
}
