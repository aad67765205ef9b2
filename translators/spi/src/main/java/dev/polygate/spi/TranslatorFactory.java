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
     * @throws ConfigException with paths relative to the {@code backend} section
     */
    Translator create(JsonNode config, TranslatorContext context) throws ConfigException;
}
