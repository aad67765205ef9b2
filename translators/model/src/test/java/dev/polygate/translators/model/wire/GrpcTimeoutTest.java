package dev.polygate.translators.model.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GrpcTimeoutTest {

    @Test
    void parsesEveryUnit() {
        assertThat(GrpcTimeout.parseNanos("1H")).hasValue(3_600_000_000_000L);
        assertThat(GrpcTimeout.parseNanos("2M")).hasValue(120_000_000_000L);
        assertThat(GrpcTimeout.parseNanos("3S")).hasValue(3_000_000_000L);
        assertThat(GrpcTimeout.parseNanos("250m")).hasValue(250_000_000L);
        assertThat(GrpcTimeout.parseNanos("7u")).hasValue(7_000L);
        assertThat(GrpcTimeout.parseNanos("0n")).hasValue(0L);
        assertThat(GrpcTimeout.parseNanos("99999999n")).hasValue(99_999_999L);
    }

    @Test
    void saturatesInsteadOfOverflowing() {
        assertThat(GrpcTimeout.parseNanos("99999999H")).hasValue(Long.MAX_VALUE);
    }

    @Test
    void rejectsWhatTheGrammarDoesNot() {
        for (String invalid : new String[] {null, "", "S", "1", "123456789S", "1s", "1h", "-1S", "+1S", " 1S",
                "1S ", "1.5S", "1SS", "1x", "１S"}) {
            assertThat(GrpcTimeout.parseNanos(invalid)).as(String.valueOf(invalid)).isEqualTo(OptionalLong.empty());
        }
    }

    @Test
    void formatsInTheFinestUnitThatFits() {
        assertThat(GrpcTimeout.format(0)).isEqualTo("0n");
        assertThat(GrpcTimeout.format(-5)).isEqualTo("0n");
        assertThat(GrpcTimeout.format(99_999_999L)).isEqualTo("99999999n");
        assertThat(GrpcTimeout.format(100_000_000L)).isEqualTo("100000u");
        assertThat(GrpcTimeout.format(5_000_000_000L)).isEqualTo("5000000u");
        assertThat(GrpcTimeout.format(3_600_000_000_000L)).isEqualTo("3600000m");
        assertThat(GrpcTimeout.format(Long.MAX_VALUE)).isEqualTo("2562047H");
        for (long nanos : new long[] {1, 999, 12_345_678_901L, 86_400_000_000_000L}) {
            String value = GrpcTimeout.format(nanos);
            assertThat(value.length()).isLessThanOrEqualTo(9);
            assertThat(GrpcTimeout.parseNanos(value).getAsLong()).isLessThanOrEqualTo(nanos)
                    .isGreaterThan(nanos - nanos / 1000 - 1);
        }
    }
}
