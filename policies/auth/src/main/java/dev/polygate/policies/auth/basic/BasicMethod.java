package dev.polygate.policies.auth.basic;

import dev.polygate.policies.auth.AuthMethod;
import dev.polygate.policies.auth.AuthOutcome;
import dev.polygate.policies.auth.consumers.BasicLogin;
import dev.polygate.policies.auth.consumers.ConsumerCredentials;
import dev.polygate.policies.auth.consumers.PasswordHash;
import dev.polygate.spi.Consumer;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Principal;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * HTTP Basic against the consumers' password hashes. The hash is checked on the authentication pool; a pool too busy
 * to take the check answers 503 with {@code Retry-After}. An unknown user name is checked against a configured hash
 * all the same, so that it takes as long as a wrong password.
 */
final class BasicMethod implements AuthMethod {
    private static final String WRONG = "wrong user name or password";

    private final ConsumerCredentials credentials;
    private final Executor pool;
    private final RecentLogins recent;
    private final String challenge;

    BasicMethod(ConsumerCredentials credentials, Executor pool, RecentLogins recent, String realm) {
        this.credentials = credentials;
        this.pool = pool;
        this.recent = recent;
        this.challenge = "Basic realm=\"" + realm + "\", charset=\"UTF-8\"";
    }

    @Override
    public CompletionStage<AuthOutcome> authenticate(Exchange exchange) {
        BasicCredentials.Reading reading = BasicCredentials.read(exchange.request().headers());
        if (reading instanceof BasicCredentials.None) {
            return CompletableFuture.completedFuture(AuthOutcome.absent());
        }
        if (reading instanceof BasicCredentials.Malformed malformed) {
            return CompletableFuture.completedFuture(AuthOutcome.refused(malformed.reason()));
        }
        BasicCredentials given = ((BasicCredentials.Found) reading).credentials();
        ByteBuffer key = recent.key(given);
        Optional<Consumer> remembered = recent.find(key);
        if (remembered.isPresent()) {
            return CompletableFuture.completedFuture(accepted(remembered.get()));
        }
        Optional<BasicLogin> login = credentials.byUsername(given.username());
        Optional<PasswordHash> hash = login.map(BasicLogin::passwordHash).or(credentials::decoyHash);
        if (hash.isEmpty()) {
            return CompletableFuture.completedFuture(AuthOutcome.refused(WRONG));
        }
        try {
            return CompletableFuture.supplyAsync(() -> check(given, login.orElse(null), hash.get(), key), pool);
        } catch (RejectedExecutionException busy) {
            return CompletableFuture.failedFuture(new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE,
                    "too many password checks at once; try again shortly", "the authentication pool is full", null)
                    .withHeaders(new DefaultHttpHeaders().set(HttpHeaderNames.RETRY_AFTER, "1")));
        }
    }

    /** On the pool. */
    private AuthOutcome check(BasicCredentials given, BasicLogin login, PasswordHash hash, ByteBuffer key) {
        boolean matches = hash.matches(given.password());
        if (!matches || login == null) {
            return AuthOutcome.refused(WRONG);
        }
        recent.remember(key, login.consumer());
        return accepted(login.consumer());
    }

    private static AuthOutcome accepted(Consumer consumer) {
        return AuthOutcome.accepted(new Principal(consumer.name(), consumer.groups(), Set.of(), Map.of(), "basic"));
    }

    @Override
    public String challenge() {
        return challenge;
    }

    @Override
    public void removeCredential(Exchange exchange) {
        BasicCredentials.remove(exchange.request().headers());
    }
}
