package dev.polygate.policies.auth.jwt;

import java.time.Duration;

/**
 * How a JWKS URL is refetched ({@code refresh:} in a {@code jwt} section).
 *
 * @param minInterval the least time between two fetches, however often tokens name unknown keys
 * @param cacheFor    how long a fetched key set is fresh; past it the next token refreshes it in the background
 * @param timeout     how long one fetch may take
 */
record RefreshSettings(Duration minInterval, Duration cacheFor, Duration timeout) {
    static final RefreshSettings DEFAULT = new RefreshSettings(Duration.ofSeconds(30), Duration.ofMinutes(10),
            Duration.ofSeconds(5));
}
