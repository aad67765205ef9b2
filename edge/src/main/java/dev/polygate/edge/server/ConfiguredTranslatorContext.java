package dev.polygate.edge.server;

import dev.polygate.edge.config.GatewayConfig;
import dev.polygate.spi.GatewayShared;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.TransportKind;
import dev.polygate.spi.UpstreamConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What translator and policy factories see of one configuration. {@code shared} belongs to the gateway, not to the
 * configuration: every configuration a gateway loads gets the same one.
 */
record ConfiguredTranslatorContext(GatewayConfig config, TransportKind transport, GatewayShared shared)
        implements TranslatorContext {
    @Override
    public Optional<UpstreamConfig> upstream(String name) {
        return Optional.ofNullable(config.upstreams().get(name));
    }

    @Override
    public java.util.Set<String> upstreamNames() {
        return config.upstreams().keySet();
    }

    @Override
    public java.util.List<dev.polygate.spi.Consumer> consumers() {
        return config.consumers();
    }

    @Override
    public Path configDirectory() {
        return config.baseDirectory() == null ? Path.of("").toAbsolutePath() : config.baseDirectory();
    }
}
