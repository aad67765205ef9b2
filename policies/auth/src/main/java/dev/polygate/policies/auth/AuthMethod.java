package dev.polygate.policies.auth;

import dev.polygate.spi.Exchange;
import java.util.concurrent.CompletionStage;

/**
 * One way a caller proves who it is, inside an {@code auth} policy: an API key, HTTP Basic, a JWT, a client
 * certificate, an introspected token. Built once per configuration by its {@link AuthMethodFactory}.
 */
public interface AuthMethod extends AutoCloseable {
    /**
     * Looks for this method's credential in the request and checks it. Called on the exchange's event loop, where
     * it must not block: slow work (a password hash, a JWKS fetch, an introspection call) runs elsewhere and the
     * stage completes later, on any thread.
     */
    CompletionStage<AuthOutcome> authenticate(Exchange exchange);

    /**
     * The {@code WWW-Authenticate} challenge a 401 carries for this method, such as {@code Bearer realm="api"}, or
     * null when the method has none (client certificates, whose challenge is the TLS handshake's).
     */
    String challenge();

    /**
     * The challenge of a 401 that refuses this method's credential for {@code reason}: by default the same as
     * {@link #challenge()}; bearer-token methods add RFC 6750's {@code error="invalid_token"}.
     */
    default String refusingChallenge(String reason) {
        return challenge();
    }

    /** Removes this method's credential from the request, so that the backend does not receive it. */
    void removeCredential(Exchange exchange);

    /** The configuration this method was built for retired. */
    @Override
    default void close() {
    }
}
