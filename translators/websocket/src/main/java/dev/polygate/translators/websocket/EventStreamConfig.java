package dev.polygate.translators.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigPaths;
import dev.polygate.spi.ConfigProblems;
import dev.polygate.spi.HumanDuration;
import dev.polygate.spi.HumanSize;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * A route's {@code backend.eventStream} section: whether clients without WebSocket may follow the backend as
 * Server-Sent Events and post messages into their session.
 *
 * @param enabled        a plain GET opens a session as an event stream, a POST sends a message into one
 * @param keepAlive      a comment line is written after this long without an event, so proxies keep idle streams
 *                       open; zero for none
 * @param idleTimeout    a session without a message either way this long is closed with 1001; zero for never
 * @param maxMessageSize largest POSTed body (413 beyond) and largest backend message turned into an event (the
 *                       session is closed with 1009 beyond)
 */
record EventStreamConfig(boolean enabled, Duration keepAlive, Duration idleTimeout, int maxMessageSize) {
    static final EventStreamConfig DISABLED = new EventStreamConfig(false, Duration.ofSeconds(15), Duration.ZERO, 64 * 1024);

    private static final Set<String> KEYS = Set.of("enabled", "keepAlive", "idleTimeout", "maxMessageSize");

    /** Problems are added under {@code path}; what is wrong keeps its default. */
    static EventStreamConfig parse(JsonNode node, String path, ConfigProblems problems) {
        if (node == null || node.isNull()) {
            return DISABLED;
        }
        if (!node.isObject()) {
            problems.add(path, "must be a map such as { enabled: true, keepAlive: 15s }");
            return DISABLED;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                problems.add(ConfigPaths.join(path, name), "unknown key; expected one of " + String.join(", ", new TreeSet<>(KEYS)));
            }
        }
        boolean enabled = true;
        JsonNode enabledNode = node.get("enabled");
        if (enabledNode != null && !enabledNode.isNull()) {
            if (enabledNode.isBoolean()) {
                enabled = enabledNode.booleanValue();
            } else {
                problems.add(ConfigPaths.join(path, "enabled"), "must be true or false");
            }
        }
        Duration keepAlive = duration(node, path, "keepAlive", DISABLED.keepAlive(), problems);
        Duration idle = duration(node, path, "idleTimeout", DISABLED.idleTimeout(), problems);
        long size = DISABLED.maxMessageSize();
        JsonNode sizeNode = node.get("maxMessageSize");
        if (sizeNode != null && !sizeNode.isNull()) {
            try {
                size = HumanSize.parse(sizeNode.asText());
                if (size < 1 || size > 64L * 1024 * 1024) {
                    problems.add(ConfigPaths.join(path, "maxMessageSize"), "must be between 1 byte and 64MiB: messages are held whole");
                    size = DISABLED.maxMessageSize();
                }
            } catch (IllegalArgumentException e) {
                problems.add(ConfigPaths.join(path, "maxMessageSize"), e.getMessage());
            }
        }
        return new EventStreamConfig(enabled, keepAlive, idle, (int) size);
    }

    private static Duration duration(JsonNode node, String path, String key, Duration fallback, ConfigProblems problems) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        try {
            Duration parsed = HumanDuration.parse(value.asText());
            if (parsed.isNegative()) {
                problems.add(ConfigPaths.join(path, key), "must not be negative");
                return fallback;
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            problems.add(ConfigPaths.join(path, key), e.getMessage());
            return fallback;
        }
    }
}
