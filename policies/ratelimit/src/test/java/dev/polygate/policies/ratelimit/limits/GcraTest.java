package dev.polygate.policies.ratelimit.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** GCRA's arithmetic on a clock the test moves: bursts, the steady rate, and what the fields report. */
class GcraTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long START = 1_000 * SECOND;

    private static Gcra gcra(long requests, Duration per, long burst) {
        return new Gcra(new LimitSpec("l", requests, per, burst, LimitSpec.Algorithm.GCRA));
    }

    @Test
    void aFullBucketLetsBurstRequestsThroughAtOnceThenOneEveryInterval() {
        Gcra gcra = gcra(10, Duration.ofSeconds(1), 20);
        long tat = Gcra.FRESH;
        for (int i = 0; i < 20; i++) {
            long next = gcra.admit(tat, START);
            assertThat(next).as("request %d", i).isNotEqualTo(Gcra.REFUSED);
            LimitOutcome outcome = gcra.allowed(next, START);
            assertThat(outcome.remaining()).isEqualTo(19 - i);
            tat = next;
        }
        assertThat(gcra.admit(tat, START)).isEqualTo(Gcra.REFUSED);
        LimitOutcome refused = gcra.refused(tat, START);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryNanos()).as("one interval of 100 ms").isEqualTo(SECOND / 10);

        long later = START + SECOND / 10;
        long next = gcra.admit(tat, later);
        assertThat(next).isNotEqualTo(Gcra.REFUSED);
        assertThat(gcra.admit(next, later)).as("only one came back").isEqualTo(Gcra.REFUSED);
        assertThat(gcra.admit(next, later + SECOND / 10)).isNotEqualTo(Gcra.REFUSED);
    }

    @Test
    void theResetIsTheTimeUntilTheBucketIsFullAgainOrUntilTheNextRequestWhenEmpty() {
        Gcra gcra = gcra(100, Duration.ofSeconds(60), 100);
        long first = gcra.admit(Gcra.FRESH, START);
        LimitOutcome outcome = gcra.allowed(first, START);
        assertThat(outcome.remaining()).isEqualTo(99);
        assertThat(outcome.resetNanos()).as("one request takes 0.6 s to come back").isEqualTo(600_000_000L);

        long tat = first;
        for (int i = 1; i < 100; i++) {
            tat = gcra.admit(tat, START);
        }
        LimitOutcome empty = gcra.allowed(tat, START);
        assertThat(empty.remaining()).isZero();
        assertThat(empty.resetNanos()).as("with nothing left, t is when one comes back").isEqualTo(600_000_000L);
        assertThat(Decision.ceilSeconds(empty.resetNanos())).isEqualTo(1);

        long halfway = START + 30 * SECOND;
        LimitOutcome status = gcra.status(tat, halfway);
        assertThat(status.remaining()).isEqualTo(50);
        assertThat(status.resetNanos()).isEqualTo(30 * SECOND);
    }

    @Test
    void anIdleKeyIsAsGoodAsNewAndNeverSavesUpBeyondItsBurst() {
        Gcra gcra = gcra(2, Duration.ofSeconds(1), 2);
        long tat = gcra.admit(Gcra.FRESH, START);
        long muchLater = START + 3600 * SECOND;
        assertThat(gcra.status(tat, muchLater).remaining()).isEqualTo(2);
        long a = gcra.admit(tat, muchLater);
        long b = gcra.admit(a, muchLater);
        assertThat(gcra.admit(b, muchLater)).isEqualTo(Gcra.REFUSED);
    }
}
