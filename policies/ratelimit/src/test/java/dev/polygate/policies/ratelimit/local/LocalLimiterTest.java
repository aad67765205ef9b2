package dev.polygate.policies.ratelimit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.policies.ratelimit.limits.Decision;
import dev.polygate.policies.ratelimit.limits.LimitSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Several limits at once on this node: all must allow, a refusal counts against none, threads never overshoot. */
class LocalLimiterTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

    @Test
    void aRequestPassesOnlyWhenEveryLimitAllowsItAndARefusalCountsAgainstNone() {
        LocalLimiter limiter = LocalLimiter.of(List.of(
                new LimitSpec("burst", 2, Duration.ofSeconds(1), 2, LimitSpec.Algorithm.GCRA),
                new LimitSpec("daily", 3, Duration.ofDays(1), 3, LimitSpec.Algorithm.SLIDING_WINDOW)), 1000, clock::get);

        assertThat(limiter.decide("a").allowed()).isTrue();
        assertThat(limiter.decide("a").allowed()).isTrue();
        Decision burstSpent = limiter.decide("a");
        assertThat(burstSpent.allowed()).isFalse();
        assertThat(burstSpent.outcomes().get(0).allowed()).isFalse();
        assertThat(burstSpent.outcomes().get(1).remaining()).as("the refused request took nothing of the quota")
                .isEqualTo(1);

        clock.addAndGet(SECOND);
        assertThat(limiter.decide("a").allowed()).isTrue();
        Decision quotaSpent = limiter.decide("a");
        assertThat(quotaSpent.allowed()).isFalse();
        assertThat(quotaSpent.outcomes().get(1).allowed()).isFalse();
        assertThat(quotaSpent.outcomes().get(0).remaining()).as("the burst was given back").isEqualTo(1);
        assertThat(quotaSpent.retryAfterSeconds()).isGreaterThan(3600);

        assertThat(limiter.decide("b").allowed()).as("another key counts on its own").isTrue();
    }

    @Test
    void concurrentRequestsOfOneKeyNeverPassBeyondTheBurst() throws Exception {
        LocalLimiter limiter = LocalLimiter.of(List.of(
                new LimitSpec("burst", 100, Duration.ofHours(1), 100, LimitSpec.Algorithm.GCRA),
                new LimitSpec("quota", 150, Duration.ofHours(1), 150, LimitSpec.Algorithm.SLIDING_WINDOW)), 1000,
                clock::get);
        AtomicInteger allowed = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int t = 0; t < 8; t++) {
                threads.execute(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < 1000; i++) {
                        if (limiter.decide("shared").allowed()) {
                            allowed.incrementAndGet();
                        }
                    }
                });
            }
            start.countDown();
        } finally {
            threads.shutdown();
            assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(allowed.get()).isEqualTo(100);
    }
}
