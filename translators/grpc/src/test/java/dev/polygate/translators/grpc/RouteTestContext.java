package dev.polygate.translators.grpc;

import dev.polygate.spi.GatewayShared;
import dev.polygate.spi.RoutePaths;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.TransportKind;
import dev.polygate.spi.UpstreamConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's side of building a grpc route: one h2c upstream (nothing listens on it) and, when given, the
 * route's paths.
 */
record RouteTestContext(String upstreamName, Path configDirectory, RoutePaths paths, GatewayShared shared)
        implements TranslatorContext {
    RouteTestContext(String upstreamName, Path configDirectory, RoutePaths paths) {
        this(upstreamName, configDirectory, paths, new GatewayShared());
    }

    @Override
    public Optional<UpstreamConfig> upstream(String name) {
        return name.equals(upstreamName) ? Optional.of(new UpstreamConfig(name, List.of(URI.create("h2c://127.0.0.1:1")),
                UpstreamConfig.UpstreamTls.DEFAULT, Duration.ofSeconds(1), Duration.ofSeconds(30), 8))
                : Optional.empty();
    }

    @Override
    public Optional<RoutePaths> routePaths() {
        return Optional.ofNullable(paths);
    }

    @Override
    public TransportKind transport() {
        return TransportKind.NIO;
    }
}
