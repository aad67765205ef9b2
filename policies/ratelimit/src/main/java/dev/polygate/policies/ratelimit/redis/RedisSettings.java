package dev.polygate.policies.ratelimit.redis;

import dev.polygate.spi.ConfigNode;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code redis} section of a global limit.
 *
 * @param uris    one {@code redis://} / {@code rediss://} URI, one {@code redis-sentinel://...#master} URI, or with
 *                {@code cluster} the seed nodes of a Redis Cluster
 * @param cluster whether the URIs name a Redis Cluster
 * @param timeout how long a decision may wait for Redis before the failure mode decides
 * @param failure what happens to requests while Redis does not answer in time
 * @param prefix  the start of every key the limits use in Redis
 */
public record RedisSettings(List<String> uris, boolean cluster, Duration timeout, FailureMode failure, String prefix) {

    /** What a global limit does when Redis is down or slow. */
    public enum FailureMode {
        /** Let the request through (without a {@code RateLimit} field), and log that limits are not enforced. */
        OPEN,
        /** Refuse it with 503 (gRPC: UNAVAILABLE) and {@code Retry-After: 1}. */
        CLOSED
    }

    public RedisSettings {
        uris = List.copyOf(uris);
    }

    /** Reads the section at {@code node}; problems are reported on it. */
    public static RedisSettings read(ConfigNode node) {
        node.expectObject(Set.of("uri", "cluster", "timeout", "failure", "prefix"));
        boolean cluster = node.bool("cluster", false);
        List<String> uris = new ArrayList<>();
        if (!node.get("uri").isPresent()) {
            node.get("uri").problem("is required: redis://host:6379, redis-sentinel://host:26379#master, or with"
                    + " cluster: true the cluster's nodes");
        }
        for (String uri : node.textList("uri")) {
            try {
                RedisURI.create(uri);
                uris.add(uri);
            } catch (RuntimeException e) {
                node.get("uri").problem("'" + uri + "' is not a Redis URI: " + e.getMessage());
            }
        }
        if (!cluster && uris.size() > 1) {
            node.get("uri").problem("names " + uris.size() + " servers; only a cluster (cluster: true) takes several");
        }
        Duration timeout = node.duration("timeout", Duration.ofMillis(50));
        if (timeout.isZero() || timeout.compareTo(Duration.ofSeconds(10)) > 0) {
            node.get("timeout").problem("must be above 0 and at most 10s");
        }
        String failure = node.text("failure", "open").toLowerCase(Locale.ROOT);
        if (!failure.equals("open") && !failure.equals("closed")) {
            node.get("failure").problem("must be open or closed");
        }
        String prefix = node.text("prefix", "polygate:rl:");
        return new RedisSettings(uris, cluster, timeout, failure.equals("closed") ? FailureMode.CLOSED : FailureMode.OPEN,
                prefix);
    }

    /** What names the connection these settings need: policies that name the same servers share one. */
    public String connectionKey() {
        return (cluster ? "cluster:" : "") + String.join(",", uris);
    }
}
