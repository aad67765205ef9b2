package dev.polygate.edge.runtime;

import dev.polygate.spi.ApiDocument;
import dev.polygate.spi.GatewayShared;
import dev.polygate.spi.RoutePaths;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.TransportKind;
import dev.polygate.spi.UpstreamConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** A context that answers as another one does, for contexts that add one thing to it. */
abstract class ForwardingTranslatorContext implements TranslatorContext {
    private final TranslatorContext delegate;

    ForwardingTranslatorContext(TranslatorContext delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<UpstreamConfig> upstream(String name) {
        return delegate.upstream(name);
    }

    @Override
    public Set<String> upstreamNames() {
        return delegate.upstreamNames();
    }

    @Override
    public Path configDirectory() {
        return delegate.configDirectory();
    }

    @Override
    public Optional<Supplier<List<ApiDocument>>> documentsOf(String route) {
        return delegate.documentsOf(route);
    }

    @Override
    public Optional<RoutePaths> routePaths() {
        return delegate.routePaths();
    }

    @Override
    public TransportKind transport() {
        return delegate.transport();
    }

    @Override
    public GatewayShared shared() {
        return delegate.shared();
    }

    @Override
    public List<dev.polygate.spi.Consumer> consumers() {
        return delegate.consumers();
    }

    @Override
    public <T> T keep(String key, Class<T> type, Supplier<? extends T> create) {
        return delegate.keep(key, type, create);
    }
}
