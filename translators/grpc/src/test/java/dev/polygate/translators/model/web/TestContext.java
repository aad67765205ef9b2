package dev.polygate.translators.model.web;

import dev.polygate.spi.GatewayShared;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.TransportKind;
import dev.polygate.spi.UpstreamConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The gateway's side of translator creation: one h2c upstream. */
record TestContext(String upstreamName, int port, GatewayShared shared) implements TranslatorContext {
    TestContext(String upstreamName, int port) {
        this(upstreamName, port, new GatewayShared());
    }

    @Override
    public Optional<UpstreamConfig> upstream(String name) {
        if (!name.equals(upstreamName)) {
            return Optional.empty();
        }
        return Optional.of(new UpstreamConfig(name, List.of(URI.create("h2c://127.0.0.1:" + port)),
                UpstreamConfig.UpstreamTls.DEFAULT, Duration.ofSeconds(2), Duration.ofSeconds(30), 8));
    }

    @Override
    public Path configDirectory() {
        return Path.of(".");
    }

    @Override
    public TransportKind transport() {
        return TransportKind.NIO;
    }
}
