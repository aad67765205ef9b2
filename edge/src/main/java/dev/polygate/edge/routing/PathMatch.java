package dev.polygate.edge.routing;

import java.util.Map;
import java.util.Objects;

/**
 * What a {@link PathPattern} captured from a request path.
 *
 * @param variables values of {@code {name}} and {@code {name=**}} captures, still percent-encoded as in the
 *                  normalised path
 * @param rest      what {@code **} (or the part below a prefix) matched, without its leading slash; "" if nothing
 */
public record PathMatch(Map<String, String> variables, String rest) {

    /** Shared result for matches that capture nothing, so exact routes allocate no match object. */
    static final PathMatch NOTHING_CAPTURED = new PathMatch(Map.of(), "");

    public PathMatch {
        variables = Map.copyOf(variables);
        Objects.requireNonNull(rest, "rest");
    }
}
