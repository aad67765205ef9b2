package dev.polygate.policies.auth;

import dev.polygate.policies.auth.consumers.ConsumerCredentials;
import dev.polygate.spi.Consumer;
import dev.polygate.spi.TranslatorContext;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What authentication methods are built with.
 *
 * @param context     the configuration's context: upstreams, files, state kept across reloads
 * @param consumers   the {@code consumers} section by name
 * @param blocking    a bounded pool for work that must not run on an event loop (password hashes, blocking
 *                    fetches); it refuses work with {@link java.util.concurrent.RejectedExecutionException} when full
 * @param credentials the consumers' credentials read and indexed: API key digests, Basic logins, certificate names
 */
public record AuthSetup(TranslatorContext context, Map<String, Consumer> consumers, Executor blocking,
                        ConsumerCredentials credentials) {
    public AuthSetup {
        consumers = Map.copyOf(consumers);
        Objects.requireNonNull(credentials, "credentials");
    }

    /** Without indexed credentials: for methods that read only the consumers' names and groups. */
    public AuthSetup(TranslatorContext context, Map<String, Consumer> consumers, Executor blocking) {
        this(context, consumers, blocking, ConsumerCredentials.none());
    }
}
