package dev.polygate.translators.http;

import dev.polygate.spi.UpstreamConfig;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream shared by every route whose configuration names an equal {@link UpstreamConfig}. Its pools
 * are per event loop: the map is the only structure two threads touch, everything in a pool is confined
 * to its loop.
 */
final class Upstream {
    private final UpstreamConfig config;
    private final List<Endpoint> endpoints;
    private final UpstreamConnector connector;
    private final ConcurrentHashMap<EventLoop, LoopPool> pools = new ConcurrentHashMap<>();
    /** The translators using this upstream; the last one's close retires it. */
    private final AtomicInteger users = new AtomicInteger(1);
    private volatile boolean retired;

    Upstream(UpstreamConfig config, List<Endpoint> endpoints, UpstreamConnector connector) {
        this.config = config;
        this.endpoints = List.copyOf(endpoints);
        this.connector = connector;
    }

    String name() {
        return config.name();
    }

    UpstreamConfig config() {
        return config;
    }

    List<Endpoint> endpoints() {
        return endpoints;
    }

    UpstreamConnector connector() {
        return connector;
    }

    LoopPool pool(EventLoop loop) {
        return pools.computeIfAbsent(loop, l -> new LoopPool(this, l));
    }

    boolean isRetired() {
        return retired;
    }

    /** @return false when the last user has already released it: a new one must be made */
    boolean retain() {
        int current;
        do {
            current = users.get();
            if (current == 0) {
                return false;
            }
        } while (!users.compareAndSet(current, current + 1));
        return true;
    }

    /** @return true when that was the last user */
    boolean release() {
        return users.decrementAndGet() == 0;
    }

    /** Closes idle connections on every loop; busy ones close when their exchange ends. */
    void retire() {
        retired = true;
        pools.forEach((loop, pool) -> {
            try {
                loop.execute(pool::retire);
            } catch (RejectedExecutionException e) {
                // The loop has shut down, and its connections were closed with it.
            }
        });
    }
}
