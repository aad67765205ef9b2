package dev.polygate.policies.auth.introspection;

import dev.polygate.policies.auth.AuthOutcome;
import dev.polygate.policies.auth.jwt.BearerTokenMethod;
import dev.polygate.policies.auth.jwt.TokenPrincipal;
import dev.polygate.spi.Consumer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Authenticates callers by an opaque token that the authorization server vouches for. An active token's caller is its
 * {@code sub}, else its {@code username}, else its {@code client_id} (a consumer of that name when there is one), with
 * the scopes of its {@code scope}. When the server cannot be asked, the stage fails with a 503 (a 502 for an answer
 * that makes no sense) rather than refusing the caller: the token may well be good.
 */
final class IntrospectionMethod extends BearerTokenMethod {
    private static final List<String> IDENTIFYING = List.of("sub", "username", "client_id");

    private final IntrospectionSettings settings;
    private final IntrospectionClient client;
    private final Map<String, Consumer> consumers;

    IntrospectionMethod(IntrospectionSettings settings, IntrospectionClient client, Map<String, Consumer> consumers) {
        super(settings.from(), settings.maxTokenSize(), settings.realm());
        this.settings = settings;
        this.client = client;
        this.consumers = consumers;
    }

    @Override
    protected CompletionStage<AuthOutcome> check(String token) {
        return client.introspect(token, settings).thenApply(this::outcome);
    }

    private AuthOutcome outcome(Introspected answer) {
        if (!answer.active()) {
            return AuthOutcome.refused("token inactive");
        }
        for (String claim : IDENTIFYING) {
            String caller = TokenPrincipal.text(answer.claims().get(claim));
            if (caller != null) {
                return AuthOutcome.accepted(TokenPrincipal.of(caller, answer.claims(), consumers, null,
                        "introspection"));
            }
        }
        return AuthOutcome.refused("token names no caller");
    }
}
