package dev.polygate.spi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Creates policies of one kind; listed in {@code META-INF/services/dev.polygate.spi.PolicyFactory}. A
 * route's {@code policies} list holds one-key maps, the key being {@link #name()}.
 */
public interface PolicyFactory {
    String name();

    /**
     * Validates the policy's section and builds the policy; like {@link TranslatorFactory#create}, every problem
     * of the section is reported at once.
     *
     * @throws ConfigException with paths relative to the policy's own section
     */
    Policy create(JsonNode config, TranslatorContext context) throws ConfigException;
}
