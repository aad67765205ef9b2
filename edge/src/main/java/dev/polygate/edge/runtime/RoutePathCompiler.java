package dev.polygate.edge.runtime;

import dev.polygate.edge.config.RouteConfig;
import dev.polygate.edge.routing.PathPattern;
import dev.polygate.edge.routing.PathRewriter;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigPaths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles the path conditions of one route into {@link PathPattern}s and checks the route's rewrite template
 * against every one of them, so that a template can be expanded whichever path a request came by.
 */
final class RoutePathCompiler {
    private RoutePathCompiler() {
    }

    /**
     * The route's patterns in configuration order. Problems are added with the YAML path of the entry at fault:
     * a malformed template, a path that matches the same requests as an earlier one of the route (it could never
     * be chosen), a rewrite that names a variable or {@code {**}} some path does not capture.
     */
    static List<PathPattern> compile(RouteConfig route, List<ConfigException.Problem> problems) {
        List<PathPattern> patterns = new ArrayList<>();
        List<RouteConfig.MatchPath> sources = new ArrayList<>();
        for (RouteConfig.MatchPath path : route.match().paths()) {
            PathPattern pattern;
            try {
                pattern = path.kind() == RouteConfig.PathKind.TEMPLATE
                        ? PathPattern.template(path.value()) : PathPattern.prefix(path.value());
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigException.Problem(path.location(), e.getMessage()));
                continue;
            }
            RouteConfig.MatchPath earlier = earlierAlike(pattern, patterns, sources);
            if (earlier != null) {
                problems.add(new ConfigException.Problem(path.location(), earlier.value().equals(path.value())
                        ? "'" + path.value() + "' is already listed at " + earlier.location()
                        : "'" + path.value() + "' matches the same paths as '" + earlier.value() + "' at "
                                + earlier.location() + "; keep one of them"));
                continue;
            }
            patterns.add(pattern);
            sources.add(path);
        }
        if (route.rewrite() != null) {
            // One problem per distinct message: a malformed template would otherwise be reported once per path.
            Set<String> rewriteProblems = new LinkedHashSet<>();
            for (PathPattern pattern : patterns) {
                try {
                    PathRewriter.validate(route.rewrite(), pattern);
                } catch (IllegalArgumentException e) {
                    rewriteProblems.add(e.getMessage());
                }
            }
            String at = ConfigPaths.join(route.path(), "rewrite");
            rewriteProblems.forEach(message -> problems.add(new ConfigException.Problem(at, message)));
        }
        return patterns;
    }

    private static RouteConfig.MatchPath earlierAlike(PathPattern pattern, List<PathPattern> patterns,
                                                      List<RouteConfig.MatchPath> sources) {
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).matchesSamePathsAs(pattern)) {
                return sources.get(i);
            }
        }
        return null;
    }
}
