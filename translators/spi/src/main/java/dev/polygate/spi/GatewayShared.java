package dev.polygate.spi;

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

    /** This gateway's instance of {@code type}, made by {@code create} the first time it is asked for. */
    public <T> T get(Class<T> type, Supplier<? extends T> create) {
        Objects.requireNonNull(create, "create");
        return type.cast(objects.computeIfAbsent(type, unused -> Objects.requireNonNull(create.get(), "created")));
    }
}
