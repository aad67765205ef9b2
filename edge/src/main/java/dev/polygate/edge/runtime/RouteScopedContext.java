package dev.polygate.edge.runtime;

import dev.polygate.spi.RoutePaths;
import dev.polygate.spi.TranslatorContext;
import java.util.Optional;

/** The snapshot's context as one route's translator and policies see it: with that route's paths. */
final class RouteScopedContext extends ForwardingTranslatorContext {
    private final RoutePaths paths;

    /** @param paths the route's paths, or null when the route changes paths before its translator sees them */
    RouteScopedContext(TranslatorContext snapshot, RoutePaths paths) {
        super(snapshot);
        this.paths = paths;
    }

    @Override
    public Optional<RoutePaths> routePaths() {
        return Optional.ofNullable(paths);
    }
}
