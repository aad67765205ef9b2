package dev.polygate.translators.model.catalog;

import com.google.protobuf.Descriptors;
import dev.polygate.spi.TranslatorContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services one gateway exposes through its routes, for that gateway's own reflection service. Each route's
 * translator publishes its services when built or refreshed and withdraws them when its configuration snapshot
 * is replaced, so reflection always describes what the gateway serves now. There is one catalog per gateway
 * ({@link #of}), kept in what its translators share, never one per JVM.
 */
public final class ServiceCatalog {
    private final Map<Object, List<Descriptors.ServiceDescriptor>> published = new ConcurrentHashMap<>();

    private ServiceCatalog() {
    }

    /** The catalog of the gateway the context belongs to. */
    public static ServiceCatalog of(TranslatorContext context) {
        return context.shared().get(ServiceCatalog.class, ServiceCatalog::new);
    }

    public void publish(Object owner, List<Descriptors.ServiceDescriptor> services) {
        published.put(owner, List.copyOf(services));
    }

    public void withdraw(Object owner) {
        published.remove(owner);
    }

    /** Every published service once, by full name (the first publisher of a name wins). */
    public List<Descriptors.ServiceDescriptor> services() {
        Map<String, Descriptors.ServiceDescriptor> byName = new LinkedHashMap<>();
        for (List<Descriptors.ServiceDescriptor> list : published.values()) {
            for (Descriptors.ServiceDescriptor service : list) {
                byName.putIfAbsent(service.getFullName(), service);
            }
        }
        return new ArrayList<>(byName.values());
    }
}
