package dev.polygate.policies.auth;

import dev.polygate.spi.Consumer;
import dev.polygate.spi.TranslatorContext;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * What authentication methods are built with.
 *
 * @param context   the configuration's context: upstreams, files, state kept across reloads
 * @param consumers the {@code consumers} section by name
 * @param blocking  a bounded pool for work that must not run on an event loop (password hashes, blocking fetches)
 */
public record AuthSetup(TranslatorContext context, Map<String, Consumer> consumers, Executor blocking) {
    public AuthSetup {
        consumers = Map.copyOf(consumers);
    }
}
