package dev.polygate.edge.docs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ApiDocument;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigProblems;
import dev.polygate.spi.Translator;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.TranslatorFactory;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code api-docs} translator: serves the API documents (OpenAPI, .proto files) of the route named in
 * {@code backend.route} on this route's paths, e.g. {@code GET /docs/greeter/openapi.json}.
 */
public final class ApiDocsTranslatorFactory implements TranslatorFactory {
    @Override
    public String name() {
        return "api-docs";
    }

    @Override
    public Translator create(JsonNode config, TranslatorContext context) throws ConfigException {
        if (config == null || !config.isObject()) {
            throw new ConfigException("", "the api-docs translator needs a backend section: { route: <route name> }");
        }
        ConfigProblems problems = new ConfigProblems();
        config.fieldNames().forEachRemaining(name -> {
            if (!name.equals("route")) {
                problems.add(name, "unknown setting; the api-docs translator takes only route");
            }
        });
        JsonNode route = config.get("route");
        Optional<Supplier<List<ApiDocument>>> documents = Optional.empty();
        if (route == null || !route.isTextual() || route.asText().isBlank()) {
            problems.add("route", "must name the route whose API documents are served");
        } else {
            documents = context.documentsOf(route.asText());
            if (documents.isEmpty()) {
                problems.add("route", "no route is named '" + route.asText() + "'");
            }
        }
        problems.throwIfAny();
        return new ApiDocsTranslator(route.asText(), documents.orElseThrow());
    }
}
