package dev.polygate.policies.ratelimit.local;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.polygate.policies.ratelimit.limits.LimitOutcome;
import dev.polygate.policies.ratelimit.limits.LimitSpec;
import dev.polygate.policies.ratelimit.limits.SlidingWindow;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A sliding-window limit's counters on this node: one immutable count per key, replaced by compare-and-set. A key
 * unused for two windows counts nothing any more, so it expires then; the map is bounded.
 */
final class WindowCounters implements LocalLimit, AutoCloseable {
    private final SlidingWindow window;
    private final Cache<String, AtomicReference<SlidingWindow.Count>> counts;

    WindowCounters(LimitSpec spec, long maxKeys) {
        this.window = new SlidingWindow(spec);
        this.counts = Caffeine.newBuilder().maximumSize(maxKeys)
                .expireAfterAccess(Duration.ofNanos(spec.periodNanos()).multipliedBy(2)).build();
    }

    private AtomicReference<SlidingWindow.Count> count(String key) {
        return counts.get(key, unused -> new AtomicReference<>());
    }

    @Override
    public LimitOutcome tryAcquire(String key, long now) {
        AtomicReference<SlidingWindow.Count> count = count(key);
        while (true) {
            SlidingWindow.Count stored = count.get();
            SlidingWindow.Count aligned = window.align(stored, now);
            SlidingWindow.Count next = window.admit(aligned, now);
            if (next == null) {
                return window.refused(aligned, now);
            }
            if (count.compareAndSet(stored, next)) {
                return window.allowed(next, now);
            }
        }
    }

    @Override
    public void refund(String key, long now) {
        AtomicReference<SlidingWindow.Count> count = count(key);
        while (true) {
            SlidingWindow.Count stored = count.get();
            SlidingWindow.Count aligned = window.align(stored, now);
            if (aligned.current() == 0) {
                return; // counted in a window that has ended: nothing left to take back
            }
            SlidingWindow.Count back = new SlidingWindow.Count(aligned.index(), aligned.current() - 1, aligned.previous());
            if (count.compareAndSet(stored, back)) {
                return;
            }
        }
    }

    @Override
    public LimitOutcome status(String key, long now) {
        return window.status(window.align(count(key).get(), now), now);
    }

    @Override
    public void close() {
        counts.invalidateAll();
    }
}
