package dev.polygate.edge.routing;

import io.netty.handler.codec.http.HttpHeaders;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One configured route: the conditions a request must meet and what it is routed to.
 *
 * @param name    unique route name, used in logs and the start-up summary
 * @param host    which hosts the route serves
 * @param paths   which normalised paths the route serves: any of these patterns, each of which takes its own
 *                place in the {@link RouteTable}'s precedence order
 * @param methods allowed methods in upper case, HEAD added wherever GET is; empty means any method
 * @param headers required request headers by lower-case name: an exact value, or {@value #ANY_VALUE} for
 *                "present with any value"
 * @param target  what a matching request is sent to
 * @param <T>     the target type, left open so routing does not depend on upstream or translator classes
 */
public record RouteRule<T>(String name, HostPattern host, List<PathPattern> paths, Set<String> methods,
                           Map<String, String> headers, T target) {

    /** Header condition value meaning the header only has to be present. */
    public static final String ANY_VALUE = "*";

    public RouteRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        paths = List.copyOf(paths);
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("route '" + name + "' needs at least one path pattern");
        }
        Objects.requireNonNull(target, "target");
        methods = upperCase(methods == null ? Set.of() : methods);
        headers = lowerCaseNames(headers == null ? Map.of() : headers);
    }

    /** A route that serves the paths of one pattern. */
    public RouteRule(String name, HostPattern host, PathPattern path, Set<String> methods,
                     Map<String, String> headers, T target) {
        this(name, host, List.of(path), methods, headers, target);
    }

    private static Set<String> upperCase(Set<String> methods) {
        Set<String> result = new LinkedHashSet<>();
        for (String method : methods) {
            if (method == null || method.isBlank()) {
                throw new IllegalArgumentException("route method must not be blank");
            }
            result.add(method.strip().toUpperCase(Locale.ROOT));
        }
        if (result.contains("GET")) {
            result.add("HEAD"); // HEAD asks what GET would answer (RFC 9110 9.3.2): wherever GET goes, HEAD does
        }
        return Set.copyOf(result);
    }

    private static Map<String, String> lowerCaseNames(Map<String, String> headers) {
        Map<String, String> result = new LinkedHashMap<>();
        headers.forEach((headerName, value) -> {
            if (headerName == null || headerName.isBlank() || value == null) {
                throw new IllegalArgumentException("route header condition needs a name and a value");
            }
            result.put(headerName.strip().toLowerCase(Locale.ROOT), value);
        });
        return Map.copyOf(result);
    }

    /** Whether the method and header conditions hold; host and path are checked by the caller. */
    boolean acceptsMethodAndHeaders(String method, HttpHeaders requestHeaders) {
        // Methods are case-sensitive tokens (RFC 9110 9.1), so "get" is not GET.
        if (!methods.isEmpty() && (method == null || !methods.contains(method))) {
            return false;
        }
        for (Map.Entry<String, String> condition : headers.entrySet()) {
            if (requestHeaders == null) {
                return false;
            }
            boolean present = ANY_VALUE.equals(condition.getValue())
                    ? requestHeaders.contains(condition.getKey())
                    : requestHeaders.contains(condition.getKey(), condition.getValue(), false);
            if (!present) {
                return false;
            }
        }
        return true;
    }
}
