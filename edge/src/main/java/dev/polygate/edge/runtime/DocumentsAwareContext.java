package dev.polygate.edge.runtime;

import dev.polygate.spi.ApiDocument;
import dev.polygate.spi.TranslatorContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The context of one snapshot's translators, which also finds other routes' API documents. Routes are built
 * one after another, so a route's translator may not exist yet when another route asks for it: the lookup
 * goes through the snapshot's route map, read when documents are requested, by then complete.
 */
final class DocumentsAwareContext extends ForwardingTranslatorContext {
    private final Set<String> routeNames;
    private volatile Map<String, dev.polygate.spi.Translator> translators = Map.of();

    DocumentsAwareContext(TranslatorContext base, Set<String> routeNames) {
        super(base);
        this.routeNames = Set.copyOf(routeNames);
    }

    /** Called once every route is built. */
    void complete(Map<String, dev.polygate.spi.Translator> byRoute) {
        translators = Map.copyOf(byRoute);
    }

    @Override
    public Optional<Supplier<List<ApiDocument>>> documentsOf(String route) {
        if (!routeNames.contains(route)) {
            return Optional.empty();
        }
        return Optional.of(() -> {
            dev.polygate.spi.Translator translator = translators.get(route);
            return translator == null ? List.of() : translator.documents();
        });
    }
}
