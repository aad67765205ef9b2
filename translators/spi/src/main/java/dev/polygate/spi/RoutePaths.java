package dev.polygate.spi;

import java.util.List;

/**
 * The request paths of the route a translator is built for, as the route's {@code match} section gives them, so
 * that the translator's validation can refuse what no request could ever reach (an operation bound to a path the
 * route does not match, a gRPC path naming a service the backend does not have).
 *
 * <p>A problem about one of these paths is reported at its {@link Entry#location()}, which is a path of the whole
 * file: the gateway keeps such a problem where it is instead of placing it under the route's {@code backend}
 * section.
 */
public interface RoutePaths {
    /** The route's path conditions in file order. */
    List<Entry> entries();

    /** Whether a request for {@code path} (normalised, without a query) matches one of the route's paths. */
    boolean matches(String path);

    /**
     * One path condition of the route.
     *
     * @param location where it is written, e.g. {@code routes[2].match.paths[1]}
     * @param prefix   whether {@code value} is a prefix (else a path template such as {@code /users/{id}/**})
     * @param value    the prefix or template as written
     */
    record Entry(String location, boolean prefix, String value) {
    }
}
