package dev.polygate.policies.ratelimit.limits;

import dev.polygate.spi.ConfigNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a policy's {@code limits}: {@code {name, requests, per, burst, algorithm}} each. Periods are whole seconds
 * ({@code 1s}, {@code 10m}, {@code 1h}, {@code 1d}), as the {@code RateLimit-Policy} field's window has no finer unit.
 */
public final class LimitsSection {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final Pattern PERIOD = Pattern.compile("(\\d{1,9})(s|m|h|d)");
    private static final Duration LONGEST = Duration.ofDays(366);
    private static final int MOST_REQUESTS = 1_000_000_000;

    private LimitsSection() {
    }

    /** The limits at {@code node}; problems are reported on it, and the limits found valid are returned. */
    public static List<LimitSpec> read(ConfigNode node) {
        List<LimitSpec> limits = new ArrayList<>();
        List<ConfigNode> items = node.items();
        if (items.isEmpty()) {
            node.problem("needs at least one limit, such as { requests: 10, per: 1s }");
        }
        Set<String> names = new HashSet<>();
        for (ConfigNode item : items) {
            LimitSpec limit = limit(item, items.size() == 1);
            if (limit != null && !names.add(limit.name())) {
                item.get("name").problem("'" + limit.name() + "' names another limit of this policy too");
            } else if (limit != null) {
                limits.add(limit);
            }
        }
        return limits;
    }

    private static LimitSpec limit(ConfigNode item, boolean alone) {
        if (!item.expectObject(Set.of("name", "requests", "per", "burst", "algorithm"))) {
            return null;
        }
        String name = alone ? item.text("name", "default") : item.requiredText("name");
        if (name != null && !NAME.matcher(name).matches()) {
            item.get("name").problem("must be 1 to 32 letters, digits, '.', '_' or '-'");
            name = null;
        }
        if (!item.get("requests").isPresent()) {
            item.get("requests").problem("is required");
        }
        long requests = item.integer("requests", 0, 1, MOST_REQUESTS);
        Duration per = period(item.get("per"));
        String algorithmName = item.text("algorithm", "gcra");
        LimitSpec.Algorithm algorithm = switch (algorithmName.toLowerCase(Locale.ROOT)) {
            case "gcra" -> LimitSpec.Algorithm.GCRA;
            case "slidingwindow" -> LimitSpec.Algorithm.SLIDING_WINDOW;
            default -> {
                item.get("algorithm").problem("must be gcra or slidingWindow");
                yield null;
            }
        };
        long burst = requests;
        if (item.get("burst").isPresent()) {
            if (algorithm == LimitSpec.Algorithm.SLIDING_WINDOW) {
                item.get("burst").problem("applies to gcra only: a sliding window lets its requests come as they like");
            }
            burst = item.integer("burst", (int) Math.max(1, requests), 1, MOST_REQUESTS);
        }
        if (name == null || requests < 1 || per == null || algorithm == null) {
            return null;
        }
        if (algorithm == LimitSpec.Algorithm.GCRA && Duration.ofNanos(per.toNanos() / requests).multipliedBy(burst)
                .compareTo(LONGEST) > 0) {
            item.get("burst").problem("would take more than 366 days to refill at " + requests + " per " + per.toSeconds()
                    + "s");
            return null;
        }
        return new LimitSpec(name, requests, per, burst, algorithm);
    }

    private static Duration period(ConfigNode node) {
        if (!node.isPresent()) {
            node.problem("is required: 1s, 10m, 1h, 1d, ...");
            return null;
        }
        String text = node.raw().asText().trim();
        Matcher m = PERIOD.matcher(text);
        if (!node.raw().isTextual() || !m.matches()) {
            node.problem("'" + text + "' is not a period; write whole seconds, minutes, hours or days: 1s, 10m, 1h, 1d");
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        Duration period = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (period.isZero() || period.compareTo(LONGEST) > 0) {
            node.problem("must be at least 1s and at most 366d");
            return null;
        }
        return period;
    }
}
