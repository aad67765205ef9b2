package dev.polygate.policies.auth.introspection;

import dev.polygate.policies.auth.jwt.TokenSource;
import java.net.URI;
import java.time.Duration;

/**
 * An {@code introspection} section, once read.
 *
 * @param url          the introspection endpoint
 * @param clientId     the gateway's client id at the authorization server
 * @param clientSecret its secret, read from the environment or a file
 * @param cacheFor     how long an active answer is reused (never past the token's {@code exp})
 * @param timeout      how long one call may take
 * @param maxTokenSize longer tokens are refused without a call
 * @param from         where the token travels
 * @param realm        the realm of the {@code WWW-Authenticate} challenge
 */
record IntrospectionSettings(URI url, String clientId, String clientSecret, Duration cacheFor, Duration timeout,
                             long maxTokenSize, TokenSource from, String realm) {
    /** Inactive answers are reused this long at most, so that a token just issued is soon accepted. */
    static final Duration INACTIVE_CACHE = Duration.ofSeconds(5);
}
