package dev.polygate.policies.auth.apikey;

import dev.polygate.policies.auth.AuthMethod;
import dev.polygate.policies.auth.AuthOutcome;
import dev.polygate.policies.auth.consumers.ApiKeyDigest;
import dev.polygate.policies.auth.consumers.ConsumerCredentials;
import dev.polygate.spi.Consumer;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An API key from one source, checked against the consumers' key digests: the key is hashed (SHA-256, microseconds)
 * and looked up on the event loop. A key given more than once (two headers, two query parameters, two cookies) is
 * refused, whatever the copies say: a backend might read another copy than the gateway did.
 */
final class ApiKeyMethod implements AuthMethod {
    private final ApiKeySource source;
    private final ConsumerCredentials credentials;
    private final String challenge;

    ApiKeyMethod(ApiKeySource source, ConsumerCredentials credentials, String realm) {
        this.source = source;
        this.credentials = credentials;
        this.challenge = "ApiKey realm=\"" + realm + "\", " + source.describe();
    }

    @Override
    public CompletionStage<AuthOutcome> authenticate(Exchange exchange) {
        return CompletableFuture.completedFuture(check(source.values(exchange.request())));
    }

    private AuthOutcome check(List<String> values) {
        if (values.isEmpty()) {
            return AuthOutcome.absent();
        }
        if (values.size() > 1) {
            return AuthOutcome.refused("more than one API key");
        }
        String key = values.get(0);
        if (key.isEmpty()) {
            return AuthOutcome.refused("empty API key");
        }
        Optional<Consumer> consumer = credentials.byApiKey(ApiKeyDigest.of(key));
        if (consumer.isEmpty()) {
            return AuthOutcome.refused("unknown API key");
        }
        Consumer found = consumer.get();
        return AuthOutcome.accepted(new Principal(found.name(), found.groups(), Set.of(), Map.of(), "apiKey"));
    }

    @Override
    public String challenge() {
        return challenge;
    }

    @Override
    public void removeCredential(Exchange exchange) {
        exchange.request(source.without(exchange.request()));
    }
}
