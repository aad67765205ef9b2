package dev.polygate.policies.auth.jwt;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Where the public keys that verify tokens come from: a JWKS URL, a file, or the section itself. */
interface KeySource extends AutoCloseable {
    /**
     * The verifiers of the keys that may have signed a token with {@code header}; empty when none is known (an
     * unknown {@code kid}). Fails with a {@link dev.polygate.spi.GatewayException} when no keys can be had at all.
     */
    CompletionStage<List<JWSVerifier>> verifiersFor(JWSHeader header);

    @Override
    default void close() {
    }

    /** Keys fixed by the configuration. */
    static KeySource fixed(VerificationKeys keys) {
        return header -> CompletableFuture.completedFuture(keys.verifiersFor(header));
    }
}
