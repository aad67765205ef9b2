package dev.polygate.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A position in the parsed YAML tree that knows its path, so that every problem is reported with the
 * exact place ({@code routes[2].match.path}). Problems are collected, not thrown, so one run of
 * {@code check} lists them all.
 */
public final class ConfigNode {
    private final JsonNode node;
    private final String path;
    private final List<ConfigException.Problem> problems;

    /** A section read on its own (a policy's or translator's), with paths relative to it. */
    public static ConfigNode section(JsonNode node) {
        return new ConfigNode(node, "", new ArrayList<>());
    }

    /** Throws every problem found so far. */
    public void throwIfInvalid() throws ConfigException {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /**
     * The root of a whole document: problems found below it are added to {@code problems}, with paths from the
     * document's root.
     */
    public static ConfigNode root(JsonNode node, List<ConfigException.Problem> problems) {
        return new ConfigNode(node, "", problems);
    }

    private ConfigNode(JsonNode node, String path, List<ConfigException.Problem> problems) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
        this.problems = problems;
    }

    public String path() {
        return path;
    }

    public JsonNode raw() {
        return node;
    }

    public boolean isPresent() {
        return !node.isMissingNode() && !node.isNull();
    }

    public void problem(String message) {
        problems.add(new ConfigException.Problem(path, message));
    }

    public ConfigNode get(String key) {
        return new ConfigNode(node.get(key), ConfigPaths.join(path, key), problems);
    }

    /** Reports keys not in {@code allowed}: a typo must never be silently ignored. */
    public boolean expectObject(Set<String> allowed) {
        if (!isPresent()) {
            return false;
        }
        if (!node.isObject()) {
            problem("must be a mapping");
            return false;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                problems.add(new ConfigException.Problem(ConfigPaths.join(path, key),
                        "unknown key; expected one of " + String.join(", ", allowed)));
            }
        }
        return true;
    }

    public String text(String key, String fallback) {
        ConfigNode child = get(key);
        if (!child.isPresent()) {
            return fallback;
        }
        if (!child.node.isValueNode() || child.node.isBoolean()) {
            child.problem("must be a string");
            return fallback;
        }
        return child.node.asText();
    }

    public String requiredText(String key) {
        ConfigNode child = get(key);
        if (!child.isPresent()) {
            child.problem("is required");
            return null;
        }
        return text(key, null);
    }

    public int integer(String key, int fallback, int min, int max) {
        ConfigNode child = get(key);
        if (!child.isPresent()) {
            return fallback;
        }
        if (!child.node.canConvertToInt() || !child.node.isIntegralNumber()) {
            child.problem("must be a whole number");
            return fallback;
        }
        int value = child.node.intValue();
        if (value < min || value > max) {
            child.problem("must be between " + min + " and " + max + ", was " + value);
            return fallback;
        }
        return value;
    }

    public boolean bool(String key, boolean fallback) {
        ConfigNode child = get(key);
        if (!child.isPresent()) {
            return fallback;
        }
        if (!child.node.isBoolean()) {
            child.problem("must be true or false");
            return fallback;
        }
        return child.node.booleanValue();
    }

    public Duration duration(String key, Duration fallback) {
        return convert(key, fallback, HumanDuration::parse);
    }

    public long size(String key, long fallback) {
        ConfigNode child = get(key);
        if (child.isPresent() && child.node.isIntegralNumber()) {
            long value = child.node.longValue();
            if (value < 0) {
                child.problem("must not be negative");
                return fallback;
            }
            return value;
        }
        return convert(key, fallback, HumanSize::parse);
    }

    <T> T convert(String key, T fallback, Function<String, T> parser) {
        String value = text(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            get(key).problem(e.getMessage());
            return fallback;
        }
    }

    /** The items of a sequence; a missing key is an empty list. */
    public List<ConfigNode> items() {
        List<ConfigNode> items = new ArrayList<>();
        if (!isPresent()) {
            return items;
        }
        if (!node.isArray()) {
            problem("must be a list");
            return items;
        }
        for (int i = 0; i < node.size(); i++) {
            items.add(new ConfigNode(node.get(i), path + "[" + i + "]", problems));
        }
        return items;
    }

    public List<String> textList(String key) {
        List<String> values = new ArrayList<>();
        ConfigNode child = get(key);
        if (child.isPresent() && child.node.isValueNode()) {
            values.add(child.node.asText());
            return values;
        }
        for (ConfigNode item : child.items()) {
            if (item.node.isValueNode() && !item.node.isNull()) {
                values.add(item.node.asText());
            } else {
                item.problem("must be a string");
            }
        }
        return values;
    }

    /** The entries of a mapping in file order; a missing key is empty. */
    public Map<String, ConfigNode> entries() {
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        if (!isPresent()) {
            return entries;
        }
        if (!node.isObject()) {
            problem("must be a mapping");
            return entries;
        }
        node.properties().forEach(e -> entries.put(e.getKey(), get(e.getKey())));
        return entries;
    }

    public Map<String, String> textMap(String key) {
        Map<String, String> values = new LinkedHashMap<>();
        get(key).entries().forEach((name, value) -> {
            if (value.node.isValueNode() && !value.node.isNull()) {
                values.put(name, value.node.asText());
            } else {
                value.problem("must be a string");
            }
        });
        return values;
    }
}
