package dev.polygate.spi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Creates translators of one kind; listed in {@code META-INF/services/dev.polygate.spi.TranslatorFactory}
 * and found with {@link java.util.ServiceLoader}.
 */
public interface TranslatorFactory {
    /** The unique name routes use to pick this translator, e.g. {@code http}. */
    String name();

    /**
     * Validates the route's {@code backend} section eagerly and builds the translator.
     *
     * <p>Every problem of the section is reported at once: validation goes on after the first problem (a
     * {@link ConfigProblems} collects them) and one {@link ConfigException} carries them all, each with the path of
     * the key at fault, a key that exists in the section. A check that needs a part found invalid is skipped, not
     * reported as a second problem. What the translator finds unreachable against the route's paths
     * ({@link TranslatorContext#routePaths()}) is a problem too. Anything the factory opened before it throws
     * (connections, translators of its own) is closed first.
     *
     * @throws ConfigException with paths relative to the {@code backend} section, or a route path's
     *                         {@link RoutePaths.Entry#location()}
     */
    Translator create(JsonNode config, TranslatorContext context) throws ConfigException;
}
