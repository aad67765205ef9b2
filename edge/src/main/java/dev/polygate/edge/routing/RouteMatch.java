package dev.polygate.edge.routing;

import java.util.Objects;

/**
 * The route chosen for a request, with what its path pattern captured.
 *
 * @param rule the winning route
 * @param path variables and {@code **} rest captured from the normalised path
 * @param <T>  the route target type
 */
public record RouteMatch<T>(RouteRule<T> rule, PathMatch path) {

    public RouteMatch {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(path, "path");
    }
}
