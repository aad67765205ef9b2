package dev.polygate.spi;

/** Joins YAML paths such as {@code routes[1]} and {@code match.path}. */
public final class ConfigPaths {
    private ConfigPaths() {
    }

    public static String join(String prefix, String child) {
        if (prefix == null || prefix.isEmpty()) {
            return child == null ? "" : child;
        }
        if (child == null || child.isEmpty()) {
            return prefix;
        }
        return child.startsWith("[") ? prefix + child : prefix + "." + child;
    }
}
