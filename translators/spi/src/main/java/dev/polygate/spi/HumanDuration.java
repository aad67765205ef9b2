package dev.polygate.spi;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as people write them in config: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 0}. */
public final class HumanDuration {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)(ms|s|m|h)");

    private HumanDuration() {
    }

    /** @throws IllegalArgumentException with a message fit for a config error */
    public static Duration parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 250ms, 5s, 2m or 1h");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
