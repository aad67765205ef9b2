package dev.polygate.translators.model.wire;

import dev.polygate.spi.ConfigProblems;
import dev.polygate.spi.RoutePaths;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The gRPC paths among a route's paths ({@code /package.Service/*}, {@code /package.Service/Method}, the prefix
 * {@code /package.Service}), checked against the services the route can serve: a call on any other service could
 * never be answered by the backend.
 */
public final class GrpcRoutePaths {
    /** A full service name: two or more identifiers joined by dots, as gRPC clients put it first in the path. */
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+");
    private static final Pattern METHOD = Pattern.compile("\\*\\*?|\\{[^}]*}|[A-Za-z_][A-Za-z0-9_]*");

    private GrpcRoutePaths() {
    }

    /**
     * Adds a problem at each gRPC path of the route whose service {@code serves} refuses.
     *
     * @param served what the route serves, for the message, e.g. "the schema (shop.v1.Shop)"
     */
    public static void checkServices(RoutePaths paths, Predicate<String> serves, String served,
                                     ConfigProblems problems) {
        for (RoutePaths.Entry entry : paths.entries()) {
            String service = serviceOf(entry).orElse(null);
            if (service != null && !serves.test(service)) {
                problems.add(entry.location(), "'" + entry.value() + "' is the gRPC path of service " + service
                        + ", which is not in " + served + "; no call on it could be answered");
            }
        }
    }

    /** The service a route path names when it is a gRPC path. */
    public static Optional<String> serviceOf(RoutePaths.Entry entry) {
        String value = entry.value().endsWith("/") ? entry.value().substring(0, entry.value().length() - 1)
                : entry.value();
        List<String> segments = List.of(value.substring(Math.min(1, value.length())).split("/", -1));
        if (!SERVICE.matcher(segments.get(0)).matches()) {
            return Optional.empty();
        }
        boolean grpcShaped = entry.prefix() ? segments.size() == 1
                : segments.size() == 2 && METHOD.matcher(segments.get(1)).matches();
        return grpcShaped ? Optional.of(segments.get(0)) : Optional.empty();
    }
}
