package dev.polygate.policies.ratelimit.local;

import dev.polygate.policies.ratelimit.limits.Decision;
import dev.polygate.policies.ratelimit.limits.LimitOutcome;
import dev.polygate.policies.ratelimit.limits.LimitSpec;
import dev.polygate.spi.TranslatorContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The limits of one policy on this node. Each limit's counters are kept by its {@linkplain LimitSpec#signature()
 * signature}, so a reload that leaves a limit as it was keeps counting where it was.
 *
 * <p>A request passes when every limit allows it. The limits are tried in order, each counting the request as it
 * allows it; when one refuses, those before it take their count back. Between the two, a concurrent request of the
 * same key may see the taken-back count: it can be refused by a limit it would have just fit in, never let through
 * beyond one.
 */
public final class LocalLimiter {
    private final List<LocalLimit> limits;
    private final LongSupplier clock;

    LocalLimiter(List<LocalLimit> limits, LongSupplier clock) {
        this.limits = List.copyOf(limits);
        this.clock = clock;
    }

    /** The counters of {@code specs}, kept across reloads through {@code context}; at most {@code maxKeys} keys each. */
    public static LocalLimiter kept(List<LimitSpec> specs, long maxKeys, TranslatorContext context, LongSupplier clock) {
        List<LocalLimit> limits = new ArrayList<>();
        for (LimitSpec spec : specs) {
            limits.add(spec.algorithm() == LimitSpec.Algorithm.GCRA
                    ? context.keep("rateLimit:local:" + spec.signature(), GcraCounters.class,
                            () -> new GcraCounters(spec, maxKeys))
                    : context.keep("rateLimit:local:" + spec.signature(), WindowCounters.class,
                            () -> new WindowCounters(spec, maxKeys)));
        }
        return new LocalLimiter(limits, clock);
    }

    /** Fresh counters that nothing else shares, for tests. */
    public static LocalLimiter of(List<LimitSpec> specs, long maxKeys, LongSupplier clock) {
        List<LocalLimit> limits = new ArrayList<>();
        for (LimitSpec spec : specs) {
            limits.add(spec.algorithm() == LimitSpec.Algorithm.GCRA ? new GcraCounters(spec, maxKeys)
                    : new WindowCounters(spec, maxKeys));
        }
        return new LocalLimiter(limits, clock);
    }

    public Decision decide(String key) {
        long now = clock.getAsLong();
        LimitOutcome[] outcomes = new LimitOutcome[limits.size()];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = limits.get(i).tryAcquire(key, now);
            if (!outcomes[i].allowed()) {
                for (int j = 0; j < outcomes.length; j++) {
                    if (j < i) {
                        limits.get(j).refund(key, now);
                    }
                    if (j != i) {
                        outcomes[j] = limits.get(j).status(key, now);
                    }
                }
                break;
            }
        }
        return Decision.of(List.of(outcomes));
    }
}
