package dev.polygate.edge.runtime;

import dev.polygate.edge.config.RouteConfig;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigPaths;
import dev.polygate.spi.Translator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds routes that answer one gRPC service name from different contracts, such as two WSDLs that both declare a
 * service {@code Calculator}: gRPC clients call a service by name, so only one of them could ever be reached.
 */
final class GrpcServiceClashes {
    private GrpcServiceClashes() {
    }

    /** One problem per later route that repeats an earlier route's service name with another contract. */
    static List<ConfigException.Problem> find(List<RouteConfig> routes, Map<String, Translator> byRoute) {
        record Claim(RouteConfig route, String contract) {
        }
        Map<String, Claim> claims = new HashMap<>();
        List<ConfigException.Problem> problems = new ArrayList<>();
        for (RouteConfig route : routes) {
            Translator translator = byRoute.get(route.name());
            if (translator == null) {
                continue;
            }
            translator.grpcServices().forEach((service, contract) -> {
                Claim first = claims.putIfAbsent(service, new Claim(route, contract));
                if (first != null && !first.contract().equals(contract)) {
                    problems.add(new ConfigException.Problem(ConfigPaths.join(route.path(), "backend"),
                            "route '" + route.name() + "' and route '" + first.route().name() + "' ("
                                    + first.route().path() + ") both expose the gRPC service " + service
                                    + " from different contracts, and gRPC clients could reach only one of them: "
                                    + "give one route another package (for a soap route: backend.package)"));
                }
            });
        }
        return problems;
    }
}
