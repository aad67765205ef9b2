package dev.polygate.translators.http;

import dev.polygate.spi.GatewayShared;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.TransportKind;
import dev.polygate.spi.UpstreamConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The gateway's side of translator creation: a set of upstreams and the loops' transport. */
final class TestContext implements TranslatorContext {
    private final Map<String, UpstreamConfig> upstreams = new HashMap<>();
    private final Path configDirectory;
    private final TransportKind transport;
    private final GatewayShared shared = new GatewayShared();

    TestContext(Path configDirectory) {
        this(configDirectory, TransportKind.NIO);
    }

    TestContext(Path configDirectory, TransportKind transport) {
        this.configDirectory = configDirectory;
        this.transport = transport;
    }

    TestContext with(UpstreamConfig upstream) {
        upstreams.put(upstream.name(), upstream);
        return this;
    }

    static UpstreamConfig upstreamConfig(String name, String... endpoints) {
        return upstreamConfig(name, UpstreamConfig.UpstreamTls.DEFAULT, 8, endpoints);
    }

    static UpstreamConfig upstreamConfig(String name, UpstreamConfig.UpstreamTls tls, int maxConnections, String... endpoints) {
        List<URI> uris = Arrays.stream(endpoints).map(URI::create).toList();
        return new UpstreamConfig(name, uris, tls, Duration.ofSeconds(2), Duration.ofSeconds(30), maxConnections);
    }

    @Override
    public Optional<UpstreamConfig> upstream(String name) {
        return Optional.ofNullable(upstreams.get(name));
    }

    @Override
    public Path configDirectory() {
        return configDirectory;
    }

    @Override
    public TransportKind transport() {
        return transport;
    }

    @Override
    public GatewayShared shared() {
        return shared;
    }
}
