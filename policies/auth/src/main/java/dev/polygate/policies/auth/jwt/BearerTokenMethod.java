package dev.polygate.policies.auth.jwt;

import dev.polygate.policies.auth.AuthMethod;
import dev.polygate.policies.auth.AuthOutcome;
import dev.polygate.spi.Exchange;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What every bearer-token method does alike: find the one token where it travels (no token is no credential;
 * several, an empty one or one too long are refused before anything else), answer with a {@code Bearer}
 * challenge, and take the token out of the request. Subclasses check the token.
 */
public abstract class BearerTokenMethod implements AuthMethod {
    private final TokenSource from;
    private final long maxTokenSize;
    private final String challenge;

    protected BearerTokenMethod(TokenSource from, long maxTokenSize, String realm) {
        this.from = from;
        this.maxTokenSize = maxTokenSize;
        this.challenge = BearerChallenge.of(realm);
    }

    @Override
    public final CompletionStage<AuthOutcome> authenticate(Exchange exchange) {
        List<String> tokens = from.tokens(exchange);
        if (tokens.isEmpty()) {
            return settled(AuthOutcome.absent());
        }
        String token = tokens.get(0);
        String refusal = tokens.size() > 1 ? "more than one token"
                : token.isEmpty() ? "malformed token"
                : token.length() > maxTokenSize ? "token too large" : null;
        return refusal == null ? check(token) : settled(AuthOutcome.refused(refusal));
    }

    /** Checks a token of the allowed size; called on the exchange's event loop, where it must not block. */
    protected abstract CompletionStage<AuthOutcome> check(String token);

    protected static CompletionStage<AuthOutcome> settled(AuthOutcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }

    @Override
    public final String challenge() {
        return challenge;
    }

    /** RFC 6750 section 3.1: a token was there and is refused, so the challenge names the error. */
    @Override
    public final String refusingChallenge(String reason) {
        return BearerChallenge.refusing(challenge, reason);
    }

    @Override
    public final void removeCredential(Exchange exchange) {
        from.remove(exchange);
    }
}
