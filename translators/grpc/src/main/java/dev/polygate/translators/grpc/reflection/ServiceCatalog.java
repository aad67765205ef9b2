package dev.polygate.translators.grpc.reflection;

import com.google.protobuf.Descriptors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services the gateway exposes through its grpc routes, for the gateway's own reflection service.
 * Each route's translator publishes its services when built or refreshed and withdraws them when its
 * configuration snapshot is replaced, so reflection always describes what the gateway serves now.
 */
public final class ServiceCatalog {
    private static final Map<Object, List<Descriptors.ServiceDescriptor>> PUBLISHED = new ConcurrentHashMap<>();

    private ServiceCatalog() {
    }

    public static void publish(Object owner, List<Descriptors.ServiceDescriptor> services) {
        PUBLISHED.put(owner, List.copyOf(services));
    }

    public static void withdraw(Object owner) {
        PUBLISHED.remove(owner);
    }

    /** Every published service once, by full name (the first publisher of a name wins). */
    public static List<Descriptors.ServiceDescriptor> services() {
        Map<String, Descriptors.ServiceDescriptor> byName = new LinkedHashMap<>();
        for (List<Descriptors.ServiceDescriptor> list : PUBLISHED.values()) {
            for (Descriptors.ServiceDescriptor service : list) {
                byName.putIfAbsent(service.getFullName(), service);
            }
        }
        return new ArrayList<>(byName.values());
    }
}
