package dev.polygate.policies.auth;

import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyChain;
import dev.polygate.spi.Principal;
import dev.polygate.spi.Verdict;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One {@code auth} policy: runs its methods (all started at once, on the event loop, in configured order), decides
 * with its {@link Combination}, and then either passes the exchange on with the principal in its context, the
 * identity in the forwarded headers and the credentials removed, or refuses it with a 401 carrying every method's
 * challenge. A decision whose methods all answered at once (API keys, certificates, a cached password) is carried
 * out at once; one that waits (a password hash on the pool, a key set being fetched) goes through
 * {@link PolicyChain#await}.
 */
final class AuthPolicy implements Policy {
    private final Combination combination;
    private final List<AuthMethod> methods;
    private final String anonymous;
    private final IdentityForwarding forwarding;
    private final boolean keepCredential;
    private final AuthChallenges challenges;
    private final HttpHeaders challengeHeaders;

    AuthPolicy(Combination combination, List<AuthMethod> methods, String anonymous, IdentityForwarding forwarding,
               boolean keepCredential) {
        this.combination = combination;
        this.methods = List.copyOf(methods);
        this.anonymous = anonymous;
        this.forwarding = forwarding;
        this.keepCredential = keepCredential;
        this.challenges = new AuthChallenges(this.methods.stream().map(AuthMethod::challenge)
                .filter(Objects::nonNull).distinct().toList());
        this.challengeHeaders = challengeHeaders(challenges);
    }

    static HttpHeaders challengeHeaders(AuthChallenges challenges) {
        HttpHeaders headers = new DefaultHttpHeaders();
        challenges.values().forEach(value -> headers.add(HttpHeaderNames.WWW_AUTHENTICATE, value));
        return headers;
    }

    @Override
    public void apply(Exchange exchange, PolicyChain chain) {
        forwarding.removeClientCopies(exchange.request().headers());
        exchange.context().attribute(AuthChallenges.class, challenges);
        List<CompletableFuture<AuthOutcome>> outcomes = new ArrayList<>(methods.size());
        boolean answered = true;
        for (AuthMethod method : methods) {
            CompletableFuture<AuthOutcome> outcome = start(method, exchange);
            outcomes.add(outcome);
            answered &= outcome.isDone();
        }
        if (!answered) {
            chain.await(exchange, CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                    .thenApplyAsync(ignored -> verdict(exchange, outcomes), exchange.executor()));
            return;
        }
        Verdict verdict;
        try {
            verdict = verdict(exchange, outcomes);
        } catch (CompletionException e) {
            chain.reject(exchange, asError(e.getCause()));
            return;
        }
        if (verdict instanceof Verdict.Reject reject) {
            chain.reject(exchange, reject.error());
        } else {
            chain.proceed(((Verdict.Proceed) verdict).exchange());
        }
    }

    private static CompletableFuture<AuthOutcome> start(AuthMethod method, Exchange exchange) {
        try {
            return method.authenticate(exchange).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** On the exchange's executor, once every method answered; throws what a method failed with. */
    private Verdict verdict(Exchange exchange, List<CompletableFuture<AuthOutcome>> outcomes) {
        List<AuthOutcome> results = new ArrayList<>(outcomes.size());
        for (CompletableFuture<AuthOutcome> outcome : outcomes) {
            results.add(outcome.join());
        }
        Combination.Decision decision = combination.decide(results, anonymous);
        if (decision instanceof Combination.Refused refused) {
            return Verdict.reject(new GatewayException(ErrorKind.UNAUTHENTICATED, refused.reason())
                    .withHeaders(refusalHeaders(refused)));
        }
        Principal principal = decision instanceof Combination.Authenticated ok ? ok.principal()
                : ((Combination.Anonymous) decision).principal();
        exchange.context().principal(principal);
        forwarding.forward(exchange.request().headers(), principal);
        if (!keepCredential && !principal.isAnonymous()) {
            methods.forEach(method -> method.removeCredential(exchange));
        }
        return Verdict.proceed(exchange);
    }

    /**
     * Every method's challenge; when one method's credential was refused, that method's challenge says so (a bearer
     * token's {@code error="invalid_token"}). Without a credential (RFC 6750 section 3.1) no error is named.
     */
    private HttpHeaders refusalHeaders(Combination.Refused refused) {
        if (refused.refusingMethod() == Combination.Refused.NO_METHOD) {
            return challengeHeaders;
        }
        AuthMethod refusing = methods.get(refused.refusingMethod());
        String plain = refusing.challenge();
        String named = refusing.refusingChallenge(refused.reason());
        if (plain == null || plain.equals(named)) {
            return challengeHeaders;
        }
        HttpHeaders headers = new DefaultHttpHeaders();
        challenges.values().forEach(value -> headers.add(HttpHeaderNames.WWW_AUTHENTICATE,
                value.equals(plain) ? named : value));
        return headers;
    }

    private static GatewayException asError(Throwable failure) {
        if (failure instanceof GatewayException error) {
            return error;
        }
        return new GatewayException(ErrorKind.INTERNAL, "authentication failed", "an authentication method failed",
                failure);
    }

    @Override
    public void close() {
        methods.forEach(AuthMethod::close);
    }
}
