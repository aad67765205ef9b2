package dev.polygate.translators.model.transcoding;

import com.google.protobuf.Descriptors.MethodDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes of one HTTP method, bucketed by their first literal segment so that a lookup only tries the
 * templates that can match. Each bucket is sorted by precedence, so the first match of a bucket is its best.
 */
final class RouteTable {

    /** One binding ready to match. {@code order} is the declaration order across the whole index. */
    record Route(PathTemplate template, MethodDescriptor method, HttpBinding binding, int order) {
    }

    /**
     * Precedence among templates matching the same path: more literal segments (a verb counts as one), then
     * fewer wildcard segments, then a template without {@code **}, then declaration order.
     */
    static final Comparator<Route> PRECEDENCE = Comparator
            .comparingInt((Route r) -> -r.template().literalCount())
            .thenComparingInt(r -> r.template().wildcardCount())
            .thenComparing(r -> r.template().endsWithMulti())
            .thenComparingInt(Route::order);

    private final Map<String, List<Route>> byFirstLiteral = new HashMap<>();
    private final List<Route> wildcardFirst = new ArrayList<>();

    void add(Route route) {
        String first = route.template().firstLiteral();
        if (first == null) {
            wildcardFirst.add(route);
        } else {
            byFirstLiteral.computeIfAbsent(first, k -> new ArrayList<>()).add(route);
        }
    }

    /** Sorts buckets once every route is added; the table is read-only afterwards. */
    RouteTable freeze() {
        byFirstLiteral.replaceAll((k, v) -> {
            v.sort(PRECEDENCE);
            return List.copyOf(v);
        });
        wildcardFirst.sort(PRECEDENCE);
        return this;
    }

    /** The best matching route, or null. */
    Route find(PathSegments path) {
        Route best = null;
        List<Route> bucket = byFirstLiteral.get(path.literal(0));
        if (bucket != null) {
            best = firstMatch(bucket, path);
        }
        Route other = firstMatch(wildcardFirst, path);
        if (other != null && (best == null || PRECEDENCE.compare(other, best) < 0)) {
            best = other;
        }
        return best;
    }

    private static Route firstMatch(List<Route> routes, PathSegments path) {
        for (int i = 0, n = routes.size(); i < n; i++) {
            Route r = routes.get(i);
            if (r.template().matches(path)) {
                return r;
            }
        }
        return null;
    }
}
