package dev.polygate.translators.http;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** An upstream's connections from one event loop, one {@link EndpointPool} per endpoint, taken in turn. */
final class LoopPool {
    private final List<EndpointPool> endpoints;
    private int next;

    LoopPool(Upstream upstream, EventLoop loop) {
        List<EndpointPool> pools = new ArrayList<>(upstream.endpoints().size());
        for (Endpoint endpoint : upstream.endpoints()) {
            pools.add(new EndpointPool(upstream, endpoint, loop));
        }
        this.endpoints = List.copyOf(pools);
    }

    boolean isEmpty() {
        return endpoints.isEmpty();
    }

    /**
     * The next endpoint in round-robin order that can take an exchange now, skipping {@code exclude} (the
     * ones this exchange already failed to reach); null when none can.
     */
    EndpointPool pick(Collection<EndpointPool> exclude) {
        int size = endpoints.size();
        for (int i = 0; i < size; i++) {
            int index = (next + i) % size;
            EndpointPool candidate = endpoints.get(index);
            if (!exclude.contains(candidate) && candidate.hasCapacity()) {
                next = (index + 1) % size;
                return candidate;
            }
        }
        return null;
    }

    void retire() {
        endpoints.forEach(EndpointPool::retire);
    }
}
