package dev.polygate.edge.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One route.
 *
 * @param path        the {@code routes[i]} path, used to place errors of translators and policies
 * @param translator  the translator's name ({@code http} by default)
 * @param backend     the translator's own section, validated by its factory
 * @param stripPrefix removed from the path before it is sent upstream (nullable)
 * @param rewrite     a path template for the upstream path, e.g. {@code /v2/{id}/{**}} (nullable)
 * @param websocket   the limits of WebSocket sessions on this route
 */
public record RouteConfig(String path, String name, Match match, String translator, JsonNode backend,
                          String stripPrefix, String rewrite, List<PolicyEntry> policies,
                          WebSocketConfig websocket) {

    public RouteConfig {
        policies = List.copyOf(policies);
    }

    /**
     * What a request must look like for this route.
     *
     * @param host    exact host, {@code *.example.com}, or null for any
     * @param paths   the request paths served, any of which matches ({@code path}, {@code prefix},
     *                {@code paths} or {@code prefixes}); never empty
     * @param methods upper-case methods; empty = any
     * @param headers lower-case header name to exact value, or {@code *} for present
     */
    public record Match(String host, List<MatchPath> paths, Set<String> methods,
                        Map<String, String> headers) {
        public Match {
            paths = List.copyOf(paths);
            methods = Set.copyOf(methods);
            headers = Map.copyOf(headers);
        }
    }

    public enum PathKind { TEMPLATE, PREFIX }

    /**
     * One path condition of a route.
     *
     * @param location where it is written, e.g. {@code routes[2].match.paths[1]}, to place errors found later
     * @param kind     whether {@code value} is a template or a prefix
     * @param value    the template or prefix as written
     */
    public record MatchPath(String location, PathKind kind, String value) {
    }

    /** One policy of the route's chain: the factory's name and its section. */
    public record PolicyEntry(String path, String name, JsonNode config) {
    }
}
