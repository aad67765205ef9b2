package dev.polygate.edge.config;

import dev.polygate.edge.address.TrustedProxies;
import dev.polygate.edge.routing.PathOptions;
import dev.polygate.spi.UpstreamConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration file, validated, as immutable records.
 *
 * @param source        the file it came from (null for built-in configs)
 * @param baseDirectory the directory relative paths are resolved against
 * @param dataDir       where the development CA and other generated files live
 * @param policyTimeout how long a policy may take to decide (a Redis call, a JWKS fetch) before the exchange
 *                      is answered with 500
 * @param policies      the global policies, run for every request before routing
 * @param consumers     who calls the APIs, with their credentials (read by the authentication policies)
 * @param trustedProxies the proxies whose forwarding headers name the client's address
 * @param paths         how routing treats path parameters, trailing dots and case
 */
public record GatewayConfig(Path source, Path baseDirectory, Path dataDir, List<ListenerConfig> listeners,
                            AdminConfig admin, LimitsConfig limits, AccessLogConfig accessLog, Duration drainTimeout,
                            boolean watchFile, Duration policyTimeout, List<RouteConfig.PolicyEntry> policies,
                            List<dev.polygate.spi.Consumer> consumers,
                            Map<String, UpstreamConfig> upstreams, List<RouteConfig> routes,
                            TrustedProxies trustedProxies, PathOptions paths) {

    public GatewayConfig {
        listeners = List.copyOf(listeners);
        policies = List.copyOf(policies);
        consumers = List.copyOf(consumers);
        upstreams = Map.copyOf(upstreams);
        routes = List.copyOf(routes);
    }
}
