package dev.polygate.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Joins and orders YAML paths such as {@code routes[1]} and {@code match.path}. */
public final class ConfigPaths {
    /**
     * Paths in order step by step: keys alphabetically, list indexes by number ({@code routes[2]} before
     * {@code routes[10]}), a section before what is inside it, the root ({@code ""}) first.
     */
    public static final Comparator<String> ORDER = ConfigPaths::compare;

    private static final Pattern STEP = Pattern.compile("\\[(\\d+)]|[^.\\[]+");

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

    private static int compare(String a, String b) {
        List<String> left = steps(a);
        List<String> right = steps(b);
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            String x = left.get(i);
            String y = right.get(i);
            boolean indexes = x.startsWith("[") && y.startsWith("[");
            int order = indexes ? Long.compare(index(x), index(y)) : x.compareTo(y);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    private static List<String> steps(String path) {
        List<String> steps = new ArrayList<>();
        if (path != null) {
            Matcher m = STEP.matcher(path);
            while (m.find()) {
                steps.add(m.group());
            }
        }
        return steps;
    }

    private static long index(String step) {
        try {
            return Long.parseLong(step.substring(1, step.length() - 1));
        } catch (NumberFormatException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
