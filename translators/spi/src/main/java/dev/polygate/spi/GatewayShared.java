package dev.polygate.spi;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Objects that every translator of one gateway shares, one per type, created on first use and kept for the
 * gateway's life (across reloads). The gateway owns it and hands it out through
 * {@link TranslatorContext#shared()}, so two gateways in one JVM share nothing. The SPI does not know the
 * types: a module that needs gateway-wide state (the model's service catalog) names its own class as the key.
 */
public final class GatewayShared {
    private final ConcurrentMap<Class<?>, Object> objects = new ConcurrentHashMap<>();
    private final Map<String, Held> kept = new HashMap<>();

    /** This gateway's instance of {@code type}, made by {@code create} the first time it is asked for. */
    public <T> T get(Class<T> type, Supplier<? extends T> create) {
        Objects.requireNonNull(create, "create");
        return type.cast(objects.computeIfAbsent(type, unused -> Objects.requireNonNull(create.get(), "created")));
    }

    /**
     * The object kept under {@code key}, made by {@code create} when nothing holds it, and held once more: each
     * acquisition is matched by one {@link #release}. Configurations that follow one another share what both
     * acquire, since the next one is built before the previous one retires.
     *
     * @throws IllegalStateException when the key holds an object of another type
     */
    public <T> T acquire(String key, Class<T> type, Supplier<? extends T> create) {
        Objects.requireNonNull(create, "create");
        synchronized (kept) {
            Held held = kept.computeIfAbsent(key, unused -> new Held(Objects.requireNonNull(create.get(), "created")));
            if (!type.isInstance(held.value)) {
                throw new IllegalStateException("'" + key + "' is kept as a " + held.value.getClass().getName()
                        + ", not a " + type.getName());
            }
            held.count++;
            return type.cast(held.value);
        }
    }

    /** Lets go of one acquisition of {@code key}; the last one closes the object when it is closeable. */
    public void release(String key) {
        Object closing = null;
        synchronized (kept) {
            Held held = kept.get(key);
            if (held == null) {
                return;
            }
            if (--held.count == 0) {
                kept.remove(key);
                closing = held.value;
            }
        }
        if (closing instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // what is closed is no longer used by anyone; a failure to close it changes nothing for them
            }
        }
    }

    /** How many objects are kept now (for tests and the admin API). */
    public int keptCount() {
        synchronized (kept) {
            return kept.size();
        }
    }

    private static final class Held {
        final Object value;
        int count;

        Held(Object value) {
            this.value = value;
        }
    }
}
