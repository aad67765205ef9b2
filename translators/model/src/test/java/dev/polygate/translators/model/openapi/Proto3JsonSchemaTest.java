package dev.polygate.translators.model.openapi;

import static dev.polygate.translators.model.openapi.OpenApiFixtures.KITCHEN;
import static dev.polygate.translators.model.openapi.OpenApiFixtures.document;
import static dev.polygate.translators.model.openapi.OpenApiFixtures.schema;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** components.schemas follow the proto3 JSON mapping, field kind by field kind (KitchenSink's Everything). */
class Proto3JsonSchemaTest {

    private final ObjectNode doc = document(KITCHEN);
    private final JsonNode everything = schema(doc, "polygate.test.v1.Everything").path("properties");

    private JsonNode property(String name) {
        JsonNode property = everything.path(name);
        assertThat(property.isMissingNode()).as(name).isFalse();
        return property;
    }

    @Test
    void scalars() {
        assertType(property("int32Value"), "integer", "int32");
        assertType(property("sint32Value"), "integer", "int32");
        assertType(property("sfixed32Value"), "integer", "int32");
        assertType(property("uint32Value"), "integer", "uint32");
        assertThat(property("uint32Value").path("minimum").asLong()).isZero();
        // 64-bit integers are strings
        assertType(property("int64Value"), "string", "int64");
        assertType(property("sint64Value"), "string", "int64");
        assertType(property("sfixed64Value"), "string", "int64");
        assertType(property("uint64Value"), "string", "uint64");
        assertType(property("fixed64Value"), "string", "uint64");
        assertType(property("floatValue"), "number", "float");
        assertType(property("doubleValue"), "number", "double");
        assertThat(property("boolValue").path("type").asText()).isEqualTo("boolean");
        assertThat(property("stringValue").path("type").asText()).isEqualTo("string");
        assertType(property("bytesValue"), "string", "byte");
        assertThat(property("bytesValue").path("contentEncoding").asText()).isEqualTo("base64");
    }

    @Test
    void enumsByName() {
        assertThat(property("level").path("$ref").asText()).isEqualTo("#/components/schemas/polygate.test.v1.Level");
        JsonNode level = schema(doc, "polygate.test.v1.Level");
        assertThat(level.path("type").asText()).isEqualTo("string");
        assertThat(level.path("enum").isArray()).isTrue();
        assertThat(level.path("enum").get(0).asText()).isEqualTo("LEVEL_UNSPECIFIED");
    }

    @Test
    void repeatedMapsAndMessages() {
        assertThat(property("repeatedInt64").path("type").asText()).isEqualTo("array");
        assertType(property("repeatedInt64").path("items"), "string", "int64");
        assertThat(property("repeatedNested").at("/items/$ref").asText()).endsWith("polygate.test.v1.Everything.Nested");
        JsonNode stringMap = property("stringMap");
        assertThat(stringMap.path("type").asText()).isEqualTo("object");
        assertThat(stringMap.at("/additionalProperties/type").asText()).isEqualTo("string");
        JsonNode nestedMap = property("nestedMap");
        assertThat(nestedMap.at("/additionalProperties/$ref").asText()).endsWith("Everything.Nested");
        assertThat(nestedMap.path("description").asText()).contains("int32");
        // A recursive message refers to itself.
        JsonNode nested = schema(doc, "polygate.test.v1.Everything.Nested");
        assertThat(nested.at("/properties/child/$ref").asText()).endsWith("polygate.test.v1.Everything.Nested");
        // map entries are no components
        assertThat(doc.at("/components/schemas").has("polygate.test.v1.Everything.StringMapEntry")).isFalse();
    }

    @Test
    void oneofsAndOptionalAndJsonName() {
        assertThat(property("choiceText").path("description").asText()).contains("oneof choice")
                .contains("choiceNumber");
        assertType(property("choiceNumber"), "string", "int64");
        assertThat(schema(doc, "polygate.test.v1.Everything").path("description").asText())
                .contains("choice: choiceText, choiceNumber, choiceNested");
        assertType(property("optionalInt32"), "integer", "int32");
        assertThat(everything.has("customName")).isTrue();
        assertThat(everything.has("renamed")).isFalse();
    }

    @Test
    void wellKnownTypes() {
        assertThat(schema(doc, "google.protobuf.Timestamp").path("format").asText()).isEqualTo("date-time");
        assertThat(schema(doc, "google.protobuf.Duration").path("pattern").asText()).isNotEmpty();
        assertThat("1.5s").matches(schema(doc, "google.protobuf.Duration").path("pattern").asText());
        assertThat(schema(doc, "google.protobuf.FieldMask").path("type").asText()).isEqualTo("string");
        assertThat(schema(doc, "google.protobuf.Struct").path("type").asText()).isEqualTo("object");
        assertThat(schema(doc, "google.protobuf.Value").has("type")).isFalse();
        assertThat(schema(doc, "google.protobuf.ListValue").path("type").asText()).isEqualTo("array");
        assertThat(schema(doc, "google.protobuf.Empty").path("additionalProperties").asBoolean(true)).isFalse();
        JsonNode any = schema(doc, "google.protobuf.Any");
        assertThat(any.at("/properties/@type/type").asText()).isEqualTo("string");
        assertThat(any.at("/required/0").asText()).isEqualTo("@type");
        assertThat(schema(doc, "google.protobuf.Int32Value").path("type").toString()).isEqualTo("[\"integer\",\"null\"]");
        assertThat(schema(doc, "google.protobuf.Int64Value").path("type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(schema(doc, "google.protobuf.BoolValue").path("type").toString()).isEqualTo("[\"boolean\",\"null\"]");
        assertThat(schema(doc, "google.protobuf.BytesValue").path("format").asText()).isEqualTo("byte");
        assertThat(property("timestamp").path("$ref").asText()).endsWith("google.protobuf.Timestamp");
    }

    @Test
    void pathVariablesOfNestedFieldsAndTheirQuery() {
        JsonNode get = doc.at("/paths/~1v1~1everything~1{string_value}~1{int64_value}~1{nested.name}/get");
        assertThat(get.at("/parameters/1/schema/format").asText()).isEqualTo("int64");
        // nested.name is bound by the path: nested.level is still a query parameter, nested.name is not
        java.util.List<String> names = new java.util.ArrayList<>();
        get.path("parameters").forEach(p -> {
            if (p.path("in").asText().equals("query")) {
                names.add(p.path("name").asText());
            }
        });
        assertThat(names).contains("nested.level", "nested.tags", "nested.at").doesNotContain("nested.name",
                "stringValue", "nestedMap", "repeatedNested", "struct");
        // recursion: nested.child is not offered again
        assertThat(names).doesNotContain("nested.child.name");
    }

    @Test
    void theValidatorDoesReportBrokenDocuments() {
        ObjectNode broken = doc.deepCopy();
        broken.remove("info");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        var result = new OpenAPIV3Parser().readContents(
                new String(OpenApiGenerator.render(broken), StandardCharsets.UTF_8), null, options);
        assertThat(result.getMessages()).isNotEmpty();
    }

    private static void assertType(JsonNode schema, String type, String format) {
        assertThat(schema.path("type").asText()).as(schema.toString()).isEqualTo(type);
        assertThat(schema.path("format").asText()).as(schema.toString()).isEqualTo(format);
    }
}
