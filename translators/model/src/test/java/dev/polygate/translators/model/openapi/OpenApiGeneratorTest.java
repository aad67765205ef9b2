package dev.polygate.translators.model.openapi;

import static dev.polygate.translators.model.openapi.OpenApiFixtures.GREETER;
import static dev.polygate.translators.model.openapi.OpenApiFixtures.KITCHEN;
import static dev.polygate.translators.model.openapi.OpenApiFixtures.LIBRARY;
import static dev.polygate.translators.model.openapi.OpenApiFixtures.document;
import static dev.polygate.translators.model.openapi.OpenApiFixtures.validate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.polygate.translators.model.transcoding.HttpRuleIndex;
import dev.polygate.translators.model.transcoding.TranscodingOptions;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Paths, parameters, bodies and responses of the test services' bindings, validated by swagger-parser. */
class OpenApiGeneratorTest {

    private final ObjectNode library = document(LIBRARY);

    @Test
    void everyDocumentValidates() {
        validate(library);
        validate(document(KITCHEN));
        validate(document(GREETER));
        validate(document(List.of(LIBRARY, KITCHEN, GREETER), new TranscodingOptions(true, false, false),
                OpenApiGenerator.GenericBindings.ALL));
    }

    @Test
    void patternedVariablesKeepTheirLiteralsAndNameWildcardsAfterThem() {
        OpenAPI parsed = validate(library).getOpenAPI();
        assertThat(parsed.getPaths()).containsKeys("/v1/shelves/{shelves}", "/v1/shelves/{shelves}/books/{books}",
                "/v1/shelves/{shelves}:merge", "/v1/books/{books}", "/v1/archives/{path}", "/v1/archives/{path}:raw",
                "/v1/{segment}/stats", "/v1/authors/{author}/stats", "/v1/genres/{genre}/stats",
                "/v2/stats/{segment}", "/v1/rooms/{room}:chat");
        JsonNode get = library.at("/paths/~1v1~1shelves~1{shelves}/get");
        assertThat(get.path("operationId").asText()).isEqualTo("Library_GetShelf");
        JsonNode name = get.path("parameters").get(0);
        assertThat(name.path("in").asText()).isEqualTo("path");
        assertThat(name.path("required").asBoolean()).isTrue();
        assertThat(name.path("description").asText()).contains("request field name").contains("shelves/*");
        // A one-wildcard variable has the schema of its field.
        JsonNode genre = library.at("/paths/~1v1~1genres~1{genre}~1stats/get/parameters/0/schema/$ref");
        assertThat(genre.asText()).isEqualTo("#/components/schemas/polygate.test.v1.Genre");
        assertThat(library.at("/paths/~1v1~1archives~1{path}/get/parameters/0/description").asText())
                .contains("one or more path segments");
    }

    @Test
    void sameShapeTemplatesOfDifferentMethodsShareOnePathItem() {
        JsonNode item = library.at("/paths/~1v1~1shelves~1{shelves}~1books~1{books}");
        assertThat(names(item)).containsExactlyInAnyOrder("get", "patch");
        assertThat(item.at("/patch/operationId").asText()).isEqualTo("Library_UpdateBook");
        // MOVE is no OpenAPI method: listed apart rather than dropped silently.
        assertThat(library.path("x-polygate-unlisted-bindings").toString()).contains("MOVE").contains("MoveBook");
    }

    @Test
    void queryParametersAreTheUnboundScalarsNestedAndRepeated() {
        JsonNode list = library.at("/paths/~1v1~1shelves~1{shelves}~1books/get/parameters");
        List<String> query = new ArrayList<>();
        list.forEach(p -> {
            if (p.path("in").asText().equals("query")) {
                query.add(p.path("name").asText());
            }
        });
        assertThat(query).containsExactly("pageSize", "pageToken", "genre", "tags", "publishedAfter",
                "author.displayName", "author.birthYear", "maxReadingTime", "inPrint");
        JsonNode tags = find(list, "tags");
        assertThat(tags.at("/schema/type").asText()).isEqualTo("array");
        assertThat(tags.path("explode").asBoolean()).isTrue();
        assertThat(find(list, "genre").at("/schema/$ref").asText()).endsWith("polygate.test.v1.Genre");
        assertThat(find(list, "publishedAfter").at("/schema/$ref").asText()).endsWith("google.protobuf.Timestamp");
        // The path binds parent: no query parameter for it.
        assertThat(find(list, "parent")).isNull();
        // body "*": the query is not consulted, so no query parameters.
        JsonNode merge = library.at("/paths/~1v1~1shelves~1{shelves}:merge/post/parameters");
        merge.forEach(p -> assertThat(p.path("in").asText()).isEqualTo("path"));
    }

    @Test
    void protoNamesWhenTheRoutePreservesThem() {
        ObjectNode doc = document(List.of(LIBRARY), new TranscodingOptions(true, false, false),
                OpenApiGenerator.GenericBindings.UNANNOTATED);
        assertThat(find(doc.at("/paths/~1v1~1shelves/get/parameters"), "page_size")).isNotNull();
        assertThat(doc.at("/components/schemas/polygate.test.v1.Shelf/properties").has("book_count")).isTrue();
    }

    @Test
    void requestBodies() {
        // body: "field" naming a message: that message.
        assertThat(library.at("/paths/~1v1~1shelves/post/requestBody/content/application~1json/schema/$ref").asText())
                .endsWith("polygate.test.v1.Shelf");
        // body: "field" naming a repeated field: the array.
        JsonNode tags = library.at("/paths/~1v1~1shelves~1{shelves}~1books~1{books}~1tags/put/requestBody/content"
                + "/application~1json/schema");
        assertThat(tags.path("type").asText()).isEqualTo("array");
        assertThat(tags.at("/items/type").asText()).isEqualTo("string");
        // body "*" with a path-bound top-level field: the message inline, without that field.
        JsonNode merge = library.at("/paths/~1v1~1shelves~1{shelves}:merge/post/requestBody/content"
                + "/application~1json/schema");
        assertThat(names(merge.path("properties"))).containsExactly("otherShelf");
        // body "*" without path variables: a reference.
        assertThat(library.at("/paths/~1polygate.test.v1.Library~1Ping/post/requestBody/content/application~1json"
                + "/schema/$ref").asText()).endsWith("polygate.test.v1.PingRequest");
        // client streaming: an array of the body, or NDJSON.
        JsonNode imports = library.at("/paths/~1v1~1shelves~1{shelves}~1books:import/post/requestBody/content");
        assertThat(imports.at("/application~1json/schema/type").asText()).isEqualTo("array");
        assertThat(imports.at("/application~1json/schema/items/$ref").asText()).endsWith("polygate.test.v1.Book");
        assertThat(imports.at("/application~1x-ndjson/schema/$ref").asText()).endsWith("polygate.test.v1.Book");
        // GET has no body.
        assertThat(library.at("/paths/~1v1~1shelves/get").has("requestBody")).isFalse();
    }

    @Test
    void responses() {
        JsonNode array = library.at("/paths/~1v1~1shelves~1{shelves}~1books:array/get/responses/200/content"
                + "/application~1json/schema");
        assertThat(array.path("type").asText()).isEqualTo("array");
        assertThat(array.at("/items/$ref").asText()).endsWith("polygate.test.v1.Book");
        JsonNode raw = library.at("/paths/~1v1~1archives~1{path}:raw/get/responses/200/content/application~1json"
                + "/schema");
        assertThat(raw.path("format").asText()).isEqualTo("byte");
        JsonNode watch = library.at("/paths/~1v1~1shelves~1{shelves}:watch/get/responses/200/content");
        assertThat(names(watch)).containsExactly("application/x-ndjson", "text/event-stream");
        assertThat(watch.at("/application~1x-ndjson/schema/$ref").asText()).endsWith("polygate.test.v1.ShelfEvent");
        JsonNode error = library.at("/paths/~1v1~1shelves/get/responses/default/content/application~1json/schema/$ref");
        assertThat(error.asText()).isEqualTo("#/components/schemas/google.rpc.Status");
        JsonNode status = OpenApiFixtures.schema(library, "google.rpc.Status").path("properties");
        assertThat(names(status)).containsExactly("code", "message", "details");
        assertThat(status.at("/details/items/$ref").asText()).endsWith("google.protobuf.Any");
    }

    @Test
    void genericBindingsAreOptional() {
        assertThat(library.at("/paths").has("/polygate.test.v1.Library/Ping")).isTrue();
        assertThat(library.at("/paths").has("/polygate.test.v1.Library/GetShelf")).isFalse();
        ObjectNode all = document(List.of(LIBRARY), TranscodingOptions.defaults(), OpenApiGenerator.GenericBindings.ALL);
        assertThat(all.at("/paths/~1polygate.test.v1.Library~1GetShelf/post/operationId").asText())
                .isEqualTo("Library_GetShelf_generic");
        ObjectNode none = document(List.of(LIBRARY), TranscodingOptions.defaults(),
                OpenApiGenerator.GenericBindings.NONE);
        assertThat(none.at("/paths").has("/polygate.test.v1.Library/Ping")).isFalse();
    }

    @Test
    void greeterOperationsAndVersion() {
        ObjectNode greeter = document(GREETER);
        assertThat(names(greeter.path("paths"))).containsExactly("/v1/greeter", "/v1/greeter/chat",
                "/v1/greeter/{name}", "/v1/greeter/{name}/stream");
        assertThat(greeter.at("/paths/~1v1~1greeter/post/operationId").asText()).isEqualTo("Greeter_SayHello_2");
        assertThat(greeter.at("/info/title").asText()).isEqualTo("demo.greeter.v1.Greeter");
        assertThat(greeter.at("/info/version").asText()).matches("[0-9a-f]{12}");
        assertThat(greeter.at("/tags/0/name").asText()).isEqualTo("demo.greeter.v1.Greeter");
    }

    static JsonNode find(JsonNode parameters, String name) {
        for (JsonNode p : parameters) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        return null;
    }

    static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aMethodAnsweringAcceptedDocumentsA202() throws Exception {
        ObjectNode accepting = OpenApiGenerator.generate(List.of(LIBRARY), HttpRuleIndex.build(List.of(LIBRARY),
                        method -> method.getName().equals("DeleteShelf") ? 202 : 200), TranscodingOptions.defaults(),
                OpenApiGenerator.GenericBindings.UNANNOTATED);
        validate(accepting);
        JsonNode delete = accepting.at("/paths/~1v1~1shelves~1{shelves}/delete/responses");
        assertThat(names(delete)).containsExactly("202", "default");
        assertThat(delete.at("/202/description").asText()).isEqualTo("Accepted");
        assertThat(delete.at("/202/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/google.protobuf.Empty");
        assertThat(names(accepting.at("/paths/~1v1~1shelves~1{shelves}/get/responses"))).containsExactly("200", "default");
        assertThat(names(library.at("/paths/~1v1~1shelves~1{shelves}/delete/responses"))).containsExactly("200", "default");
    }
}
