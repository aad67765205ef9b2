package dev.polygate.translators.model.wire;

import java.util.OptionalLong;

/** The {@code grpc-timeout} header: at most 8 digits and one unit of {@code H M S m u n}. */
public final class GrpcTimeout {
    private static final long MAX_VALUE = 99_999_999L;
    private static final char[] UNITS = {'n', 'u', 'm', 'S', 'M', 'H'};
    private static final long[] NANOS_PER_UNIT = {1L, 1_000L, 1_000_000L, 1_000_000_000L, 60_000_000_000L,
            3_600_000_000_000L};

    private GrpcTimeout() {
    }

    /** The timeout in nanoseconds, or empty when the value does not follow the grammar. */
    public static OptionalLong parseNanos(String value) {
        if (value == null || value.length() < 2 || value.length() > 9) {
            return OptionalLong.empty();
        }
        int unit = unitIndex(value.charAt(value.length() - 1));
        if (unit < 0) {
            return OptionalLong.empty();
        }
        long amount = 0;
        for (int i = 0; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            amount = amount * 10 + (c - '0');
        }
        // 99999999H is about 3.6e20 ns, beyond a long: saturate rather than wrap.
        long perUnit = NANOS_PER_UNIT[unit];
        return OptionalLong.of(amount > Long.MAX_VALUE / perUnit ? Long.MAX_VALUE : amount * perUnit);
    }

    /**
     * The header value for a timeout, in the finest unit that fits in 8 digits. Coarser units round down,
     * as other gRPC implementations do; a negative timeout is sent as already expired ({@code 0n}).
     */
    public static String format(long nanos) {
        if (nanos <= 0) {
            return "0n";
        }
        for (int unit = 0; unit < UNITS.length; unit++) {
            long amount = nanos / NANOS_PER_UNIT[unit];
            if (amount <= MAX_VALUE) {
                return amount + String.valueOf(UNITS[unit]);
            }
        }
        return MAX_VALUE + "H";
    }

    private static int unitIndex(char unit) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i] == unit) {
                return i;
            }
        }
        return -1;
    }
}
