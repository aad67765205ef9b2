package dev.polygate.edge.runtime;

import dev.polygate.edge.config.RouteConfig;
import dev.polygate.edge.routing.PathPattern;
import dev.polygate.spi.RoutePaths;
import java.util.List;

/** A route's paths for its translator's validation: the entries as written, matched by their compiled patterns. */
final class MatchedPaths implements RoutePaths {
    private final List<Entry> entries;
    private final List<PathPattern> patterns;

    private MatchedPaths(List<Entry> entries, List<PathPattern> patterns) {
        this.entries = entries;
        this.patterns = patterns;
    }

    /** Null when the route rewrites or strips the path: its translator then sees other paths than these. */
    static MatchedPaths of(RouteConfig route, List<PathPattern> compiled) {
        if (route.stripPrefix() != null || route.rewrite() != null) {
            return null;
        }
        return new MatchedPaths(route.match().paths().stream()
                .map(p -> new Entry(p.location(), p.kind() == RouteConfig.PathKind.PREFIX, p.value()))
                .toList(), List.copyOf(compiled));
    }

    @Override
    public List<Entry> entries() {
        return entries;
    }

    @Override
    public boolean matches(String path) {
        return patterns.stream().anyMatch(pattern -> pattern.match(path).isPresent());
    }
}
