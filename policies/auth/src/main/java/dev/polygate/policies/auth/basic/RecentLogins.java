package dev.polygate.policies.auth.basic;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.polygate.spi.Consumer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

/**
 * Recent successful password checks, so that a client sending the same credentials on every request costs one slow
 * hash per {@code cacheTtl}, not one per request. Entries are keyed by a salted SHA-256 of the user name and
 * password (the salt random per cache), so the cache holds no password and nothing a dictionary could be run
 * against without the salt; only successes are kept, so a wrong password is always checked. Written from the pool,
 * read from event loops.
 */
final class RecentLogins {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Cache<ByteBuffer, Consumer> recent;
    private final byte[] salt = new byte[32];

    /** @param ttl how long a success is remembered; zero remembers nothing */
    RecentLogins(Duration ttl, long maximumSize) {
        this.recent = ttl.isZero() ? null : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).build();
        RANDOM.nextBytes(salt);
    }

    Optional<Consumer> find(ByteBuffer key) {
        return recent == null ? Optional.empty() : Optional.ofNullable(recent.getIfPresent(key));
    }

    void remember(ByteBuffer key, Consumer consumer) {
        if (recent != null) {
            recent.put(key, consumer);
        }
    }

    ByteBuffer key(BasicCredentials credentials) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        digest.update(salt);
        byte[] username = credentials.username().getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(0, username.length));
        digest.update(username);
        digest.update(credentials.password().getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(digest.digest());
    }
}
