package dev.polygate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;

/**
 * JSON checked against the schemas of an OpenAPI 3.1 document by a JSON Schema 2020-12 validator (networknt's,
 * which a module using this class puts on its test class path): the schema at a JSON pointer of the document, its
 * {@code $ref}s resolved into the document's {@code components.schemas}.
 */
public final class OpenApiSchemas {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final JsonNode document;

    public OpenApiSchemas(JsonNode document) {
        this.document = document;
    }

    /** The pointer to the JSON request body schema of an operation. */
    public static String requestBody(String path, String method) {
        return operation(path, method) + "/requestBody/content/application~1json/schema";
    }

    /** The pointer to a response's schema: {@code status} is a code or {@code default}. */
    public static String response(String path, String method, String status, String mediaType) {
        return operation(path, method) + "/responses/" + status + "/content/" + escape(mediaType) + "/schema";
    }

    /** The pointer to a schema of {@code components.schemas}. */
    public static String component(String name) {
        return "/components/schemas/" + escape(name);
    }

    /**
     * What the validator finds wrong with {@code instance} against the schema at {@code pointer}; empty when it is
     * valid. A pointer to nothing is an error, so that a misspelt path cannot make every instance valid.
     */
    public List<String> problems(String pointer, JsonNode instance) {
        JsonNode schema = document.at(pointer);
        if (!schema.isObject()) {
            throw new IllegalArgumentException("no schema at " + pointer);
        }
        ObjectNode root = ((ObjectNode) schema).deepCopy();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.putObject("components").set("schemas", document.path("components").path("schemas"));
        return FACTORY.getSchema(root).validate(instance).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static String operation(String path, String method) {
        return "/paths/" + escape(path) + "/" + method;
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
