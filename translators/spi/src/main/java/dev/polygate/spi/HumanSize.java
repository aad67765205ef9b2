package dev.polygate.spi;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses byte sizes (config values) as people write them: {@code 512}, {@code 16KiB}, {@code 10MB}, {@code 1GiB}. */
public final class HumanSize {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*([kmg]i?b?|b)?");

    private HumanSize() {
    }

    public static long parse(String text) {
        Matcher m = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write e.g. 8192, 16KiB, 10MB or 1GiB");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long factor = switch (unit.charAt(0)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1L;
        };
        return Math.multiplyExact(amount, factor);
    }
}
