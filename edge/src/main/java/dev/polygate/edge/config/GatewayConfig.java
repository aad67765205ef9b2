package dev.polygate.edge.config;

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
 */
public record GatewayConfig(Path source, Path baseDirectory, Path dataDir, List<ListenerConfig> listeners,
                            AdminConfig admin, LimitsConfig limits, AccessLogConfig accessLog, Duration drainTimeout,
                            boolean watchFile, Map<String, UpstreamConfig> upstreams, List<RouteConfig> routes) {

    public GatewayConfig {
        listeners = List.copyOf(listeners);
        upstreams = Map.copyOf(upstreams);
        routes = List.copyOf(routes);
    }
}
