package dev.polygate.policies.ratelimit.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The sliding window's arithmetic on a clock the test moves: the quota, the previous window's fading share. */
class SlidingWindowTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long WINDOW = 100 * SECOND;
    /** The start of window 50. */
    private static final long START = 50 * WINDOW;

    private final SlidingWindow window = new SlidingWindow(
            new LimitSpec("daily", 10, Duration.ofSeconds(100), 10, LimitSpec.Algorithm.SLIDING_WINDOW));

    private SlidingWindow.Count admitAll(SlidingWindow.Count count, long now, int requests) {
        SlidingWindow.Count current = window.align(count, now);
        for (int i = 0; i < requests; i++) {
            current = window.admit(current, now);
            assertThat(current).as("request %d", i).isNotNull();
        }
        return current;
    }

    @Test
    void theQuotaOfAFreshWindowIsExactThenRefusedUntilThePreviousWindowFades() {
        long now = START + 10 * SECOND;
        SlidingWindow.Count count = admitAll(null, now, 10);
        LimitOutcome last = window.allowed(count, now);
        assertThat(last.remaining()).isZero();
        assertThat(window.admit(count, now)).isNull();

        LimitOutcome refused = window.refused(count, now);
        // next window starts in 90 s; there the 10 of this one weigh 10 * (1 - f): one fits once f >= 0.1, 10 s in
        assertThat(refused.retryNanos()).isEqualTo(100 * SECOND);
        assertThat(window.admit(window.align(count, now + refused.retryNanos() - SECOND), now + refused.retryNanos()
                - SECOND)).isNull();
        SlidingWindow.Count after = window.align(count, now + refused.retryNanos());
        assertThat(window.admit(after, now + refused.retryNanos())).isNotNull();
    }

    @Test
    void thePreviousWindowWeighsAsMuchAsTheSlidingWindowStillCoversOfIt() {
        SlidingWindow.Count previous = admitAll(null, START + 50 * SECOND, 8);
        long quarterIn = START + WINDOW + 25 * SECOND;
        SlidingWindow.Count aligned = window.align(previous, quarterIn);
        assertThat(aligned).isEqualTo(new SlidingWindow.Count(51, 0, 8));
        // 8 * 0.75 = 6 counted: 4 left
        LimitOutcome status = window.status(aligned, quarterIn);
        assertThat(status.remaining()).isEqualTo(4);
        assertThat(status.resetNanos()).as("until this window ends").isEqualTo(75 * SECOND);
        SlidingWindow.Count full = admitAll(previous, quarterIn, 4);
        assertThat(window.admit(full, quarterIn)).isNull();
        // 8 * (75 - w)/100 + 4 <= 9  ->  w >= 12.5 s
        assertThat(window.refused(full, quarterIn).retryNanos()).isEqualTo(12_500_000_000L);

        long twoWindowsOn = START + 3 * WINDOW;
        assertThat(window.align(full, twoWindowsOn)).isEqualTo(new SlidingWindow.Count(53, 0, 0));
    }
}
