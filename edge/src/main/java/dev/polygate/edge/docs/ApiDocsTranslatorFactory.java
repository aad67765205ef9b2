package dev.polygate.edge.docs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.Translator;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.TranslatorFactory;

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
        var names = config.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("route")) {
                throw new ConfigException(name, "unknown setting; the api-docs translator takes only route");
            }
        }
        JsonNode route = config.get("route");
        if (route == null || !route.isTextual() || route.asText().isBlank()) {
            throw new ConfigException("route", "must name the route whose API documents are served");
        }
        var documents = context.documentsOf(route.asText()).orElseThrow(() ->
                new ConfigException("route", "no route is named '" + route.asText() + "'"));
        return new ApiDocsTranslator(route.asText(), documents);
    }
}
