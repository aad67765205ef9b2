package dev.polygate.policies.auth.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.polygate.policies.auth.AuthOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;

/**
 * Tokens whose signature was checked lately, so that a client sending the same token on every request costs one
 * parse and one signature check per {@code cacheTtl}, not one per request. Keyed by the token's text; only accepted
 * tokens are kept, each no longer than the cache's time to live and never past its {@code exp}. What is kept is
 * what verification produced (header, claims, the outcome) and the verifier that accepted the signature, so that a
 * use can tell whether that key is still in the key set. Holds up to {@link #MAX_TOKEN_CHARS} characters of tokens;
 * the least used go first.
 */
final class VerifiedTokens {
    /** The bound on what the cache holds, in characters of token text (about 16 MB with the parsed claims). */
    static final long MAX_TOKEN_CHARS = 8L << 20;

    /**
     * One verified token.
     *
     * @param header   its header, to look its key up again
     * @param claims   its claims, whose times are checked again on every use
     * @param verifier the verifier (the key) that accepted its signature
     * @param accepted the outcome it came to
     */
    record Verified(JWSHeader header, JWTClaimsSet claims, JWSVerifier verifier, AuthOutcome accepted) {
    }

    private final Cache<String, Verified> verified;
    private final Duration ttl;
    private final Clock clock;

    /** @param ttl how long a verified token is remembered at most; zero remembers nothing */
    VerifiedTokens(Duration ttl, Clock clock, Ticker ticker) {
        this.ttl = ttl;
        this.clock = clock;
        this.verified = ttl.isZero() ? null : Caffeine.newBuilder().ticker(ticker)
                .maximumWeight(MAX_TOKEN_CHARS).<String, Verified>weigher((token, entry) -> token.length())
                .expireAfter(new UntilExpiry())
                .build();
    }

    /** The token's verification when it is remembered, else null. */
    Verified find(String token) {
        return verified == null ? null : verified.getIfPresent(token);
    }

    /** Remembers an accepted token, unless its {@code exp} is already behind (it would not be kept at all). */
    void remember(String token, Verified entry) {
        if (verified != null && !lifetime(entry).isNegative() && !lifetime(entry).isZero()) {
            verified.put(token, entry);
        }
    }

    /** Forgets a token whose key left the key set. */
    void forget(String token) {
        if (verified != null) {
            verified.invalidate(token);
        }
    }

    /** The time to live, cut short at the token's {@code exp}. */
    private Duration lifetime(Verified entry) {
        Date expiry = entry.claims().getExpirationTime();
        if (expiry == null) {
            return Duration.ZERO; // never accepted without one; nothing to keep
        }
        Duration left = Duration.between(clock.instant(), expiry.toInstant());
        return left.compareTo(ttl) < 0 ? left : ttl;
    }

    private final class UntilExpiry implements Expiry<String, Verified> {
        @Override
        public long expireAfterCreate(String token, Verified entry, long currentTime) {
            return Math.max(0, lifetime(entry).toNanos());
        }

        @Override
        public long expireAfterUpdate(String token, Verified entry, long currentTime, long currentDuration) {
            return expireAfterCreate(token, entry, currentTime);
        }

        @Override
        public long expireAfterRead(String token, Verified entry, long currentTime, long currentDuration) {
            return currentDuration; // a use does not extend the entry's life
        }
    }
}
