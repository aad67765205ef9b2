package dev.polygate.policies.ratelimit.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * One limit of a {@code rateLimit} policy: {@code requests} per {@code per}, counted by one algorithm.
 *
 * @param name      how the {@code RateLimit} and {@code RateLimit-Policy} fields name it; unique in its policy
 * @param requests  how many requests a key may make per period
 * @param per       the period, a whole number of seconds
 * @param burst     GCRA only: how many requests may come at once (the bucket's size); {@code requests} unless set
 * @param algorithm how requests are counted
 */
public record LimitSpec(String name, long requests, Duration per, long burst, Algorithm algorithm) {

    /** How a limit counts. */
    public enum Algorithm {
        /** The generic cell rate algorithm: a token bucket of {@code burst} refilled at {@code requests/per}. */
        GCRA("gcra"),
        /** A window of {@code per} sliding over the current and the previous fixed window: quotas. */
        SLIDING_WINDOW("slidingWindow");

        private final String configName;

        Algorithm(String configName) {
            this.configName = configName;
        }

        /** The name written in the configuration. */
        public String configName() {
            return configName;
        }
    }

    public LimitSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(per, "per");
        Objects.requireNonNull(algorithm, "algorithm");
        if (requests < 1 || burst < 1 || per.toSeconds() < 1) {
            throw new IllegalArgumentException("a limit needs at least one request per second or longer");
        }
    }

    public long periodNanos() {
        return per.toNanos();
    }

    /**
     * What names this limit's counters: limits with the same signature (in any policy, before and after a reload)
     * count together for a key, and changing any part of it starts the counters afresh.
     */
    public String signature() {
        return name + ":" + (algorithm == Algorithm.GCRA ? "g:" + requests + "/" + per.toSeconds() + "s:" + burst
                : "w:" + requests + "/" + per.toSeconds() + "s");
    }
}
