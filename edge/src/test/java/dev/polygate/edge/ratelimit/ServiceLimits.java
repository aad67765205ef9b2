package dev.polygate.edge.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code RateLimit} field read back: {@code "name";r=<remaining>;t=<seconds>} items, comma-separated. Its
 * {@code t} values count down with the clock, so checks allow them to be a few seconds short on a busy machine.
 */
record ServiceLimits(Map<String, long[]> items) {
    private static final Pattern ITEM = Pattern.compile("\"([^\"]+)\";r=(\\d+)(?:;t=(\\d+))?");

    static ServiceLimits parse(String field) {
        assertThat(field).as("a RateLimit field").isNotNull()
                .matches("\"[^\"]+\";r=\\d+(;t=\\d+)?(, \"[^\"]+\";r=\\d+(;t=\\d+)?)*");
        Map<String, long[]> items = new LinkedHashMap<>();
        Matcher m = ITEM.matcher(field);
        while (m.find()) {
            items.put(m.group(1), new long[] {Long.parseLong(m.group(2)), m.group(3) == null ? -1 : Long.parseLong(m.group(3))});
        }
        return new ServiceLimits(items);
    }

    /** Checks one item: exactly {@code remaining} left, and {@code t} at most {@code seconds} and at most 10 below. */
    ServiceLimits has(String name, long remaining, long seconds) {
        assertThat(items).containsKey(name);
        long[] item = items.get(name);
        assertThat(item[0]).as("r of " + name).isEqualTo(remaining);
        assertThat(item[1]).as("t of " + name).isBetween(Math.max(1, seconds - 10), seconds);
        return this;
    }

    /** Checks one item whose {@code t} may be anything up to {@code seconds} (a window's end, wherever it falls). */
    ServiceLimits within(String name, long remaining, long seconds) {
        assertThat(items).containsKey(name);
        assertThat(items.get(name)[0]).as("r of " + name).isEqualTo(remaining);
        assertThat(items.get(name)[1]).as("t of " + name).isBetween(1L, seconds);
        return this;
    }

    long remaining(String name) {
        return items.get(name)[0];
    }
}
