package dev.polygate.edge.runtime;

import dev.polygate.spi.ApiDocument;
import dev.polygate.spi.TranslatorContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The context of one snapshot's translators and policies. It finds other routes' API documents: routes are built
 * one after another, so a route's translator may not exist yet when another route asks for it, and the lookup
 * goes through the snapshot's route map, read when documents are requested, by then complete. And it keeps
 * state across reloads on the snapshot's account: what it acquired is released when the snapshot retires.
 */
final class SnapshotContext extends ForwardingTranslatorContext {
    private final Set<String> routeNames;
    private final List<String> keptKeys = new ArrayList<>();
    private volatile Map<String, dev.polygate.spi.Translator> translators = Map.of();

    SnapshotContext(TranslatorContext base, Set<String> routeNames) {
        super(base);
        this.routeNames = Set.copyOf(routeNames);
    }

    @Override
    public <T> T keep(String key, Class<T> type, Supplier<? extends T> create) {
        T kept = shared().acquire(key, type, create);
        synchronized (keptKeys) {
            keptKeys.add(key);
        }
        return kept;
    }

    /** Lets go of everything kept on this snapshot's account: once when it retires, or when its build failed. */
    void releaseKept() {
        List<String> keys;
        synchronized (keptKeys) {
            keys = List.copyOf(keptKeys);
            keptKeys.clear();
        }
        keys.forEach(shared()::release);
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
