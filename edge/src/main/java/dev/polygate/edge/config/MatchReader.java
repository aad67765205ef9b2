package dev.polygate.edge.config;

import dev.polygate.spi.ConfigNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads a route's {@code match} section; problems go to the node's collector with their YAML paths. */
final class MatchReader {
    private static final List<String> PATH_KEYS = List.of("path", "prefix", "paths", "prefixes");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE", "CONNECT");

    private MatchReader() {
    }

    static RouteConfig.Match read(ConfigNode node) {
        node.expectObject(ConfigLoader.ordered("host", "path", "prefix", "paths", "prefixes", "methods", "headers"));
        List<RouteConfig.MatchPath> paths = paths(node);
        Set<String> methods = new LinkedHashSet<>();
        for (String method : node.textList("methods")) {
            String upper = method.toUpperCase(Locale.ROOT);
            if (!METHODS.contains(upper)) {
                node.get("methods").problem("unknown HTTP method '" + method + "'");
            }
            methods.add(upper);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        node.textMap("headers").forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        return new RouteConfig.Match(node.text("host", null), paths, methods, headers);
    }

    /**
     * The route's path conditions from exactly one of {@code path}, {@code prefix}, {@code paths} and
     * {@code prefixes}; none means every path (prefix {@code /}). Templates are compiled, and compared with
     * each other, when the routes are built.
     */
    private static List<RouteConfig.MatchPath> paths(ConfigNode node) {
        List<String> given = PATH_KEYS.stream().filter(key -> node.get(key).isPresent()).toList();
        if (given.isEmpty()) {
            return List.of(new RouteConfig.MatchPath(node.get("prefix").path(), RouteConfig.PathKind.PREFIX, "/"));
        }
        for (String extra : given.subList(1, given.size())) {
            node.get(extra).problem("give only one of path, prefix, paths and prefixes; this route already has "
                    + given.get(0));
        }
        String key = given.get(0);
        RouteConfig.PathKind kind = key.startsWith("path") ? RouteConfig.PathKind.TEMPLATE
                : RouteConfig.PathKind.PREFIX;
        ConfigNode value = node.get(key);
        boolean list = key.equals("paths") || key.equals("prefixes");
        List<ConfigNode> items = list ? value.items() : List.of(value);
        if (list && value.raw().isArray() && items.isEmpty()) {
            value.problem("is empty; give at least one " + (kind == RouteConfig.PathKind.TEMPLATE
                    ? "path template" : "prefix"));
        }
        List<RouteConfig.MatchPath> paths = new ArrayList<>();
        for (ConfigNode item : items) {
            if (!item.raw().isTextual()) {
                item.problem("must be a string");
            } else if (!item.raw().asText().startsWith("/")) {
                item.problem("must start with /");
            } else {
                paths.add(new RouteConfig.MatchPath(item.path(), kind, item.raw().asText()));
            }
        }
        return paths;
    }
}
