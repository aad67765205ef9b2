package dev.polygate.translators.soap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document of a SOAP port describes the JSON of the XSD contract (shop.wsdl over the schema fixtures):
 * XML names, nil, literals, required elements, choices, exact numbers, and problem+json errors.
 */
class SoapOpenApiSchemaTest {
    private static final String TYPES = "soap.shop.";
    static ObjectNode doc;

    @BeforeAll
    static void generate() throws Exception {
        doc = ShopApiDocument.of("shop.wsdl", "").document();
    }

    private static JsonNode component(String name) {
        JsonNode schema = doc.path("components").path("schemas").path(name);
        assertThat(schema.isObject()).as(name + " in " + doc.path("components").path("schemas").fieldNames()).isTrue();
        return schema;
    }

    private static JsonNode property(String type, String name) {
        JsonNode property = component(type).path("properties").path(name);
        assertThat(property.isMissingNode()).as(type + "." + name).isFalse();
        return property;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    @Test
    void theDocumentIsValidOpenApiAndSaysWhatTheApiIs() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(doc.toPrettyString(), null, options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(doc.at("/info/description").asText()).startsWith("The SOAP service Shop/ShopSoap (SOAP 1.1) exposed "
                + "as REST/JSON by the gateway").contains("unknown keys are refused").doesNotContain("gRPC");
    }

    @Test
    void unknownKeysAreAllowedWhereTheRouteIgnoresThem() throws Exception {
        ObjectNode lenient = ShopApiDocument.of("shop.wsdl", "ignoreUnknownFields: true").document();
        assertThat(lenient.at("/components/schemas/" + TYPES + "Order").has("additionalProperties")).isFalse();
        assertThat(lenient.at("/info/description").asText()).contains("unknown keys are ignored");
    }

    @Test
    void nillableElementsAreTheirValueOrNull() {
        assertThat(texts(property(TYPES + "Order", "discount").path("type"))).containsExactly("string", "number", "null");
        JsonNode customer = property(TYPES + "Order", "customer").path("anyOf");
        assertThat(customer.get(0).path("$ref").asText()).isEqualTo("#/components/schemas/" + TYPES + "CustomerType");
        assertThat(customer.get(1).path("type").asText()).isEqualTo("null");
        assertThat(texts(property(TYPES + "Order", "tags").path("items").path("type"))).containsExactly("string", "null");
        assertThat(texts(property(TYPES + "Count", "count").path("type"))).containsExactly("integer", "null");
        // the wrapper messages the nil mapping needs never show
        doc.path("components").path("schemas").fieldNames()
                .forEachRemaining(name -> assertThat(name).doesNotContain(".Nil"));
    }

    @Test
    void enumsAreTheirXsdLiterals() {
        assertThat(property(TYPES + "Order", "size").path("$ref").asText()).endsWith(TYPES + "Size");
        assertThat(texts(component(TYPES + "Size").path("enum"))).containsExactly("1st", "a-b", "a_b", "small");
        JsonNode status = doc.at("/components/schemas/" + property(TYPES + "Order", "status").path("$ref").asText()
                .substring("#/components/schemas/".length()));
        assertThat(texts(status.path("enum"))).containsExactly("open", "closed");
    }

    @Test
    void attributesHaveTheKeysTheCodecUses() {
        assertThat(property(TYPES + "Order", "@id").path("type").asText()).isEqualTo("integer");
        assertThat(property(TYPES + "Order", "@id").path("description").asText()).startsWith("XML attribute id");
        assertThat(property(TYPES + "Order", "currency").path("type").asText()).isEqualTo("string");
        List<String> price = new ArrayList<>();
        component(TYPES + "Price").path("properties").fieldNames().forEachRemaining(price::add);
        assertThat(price).containsExactly("value", "currency", "@value");
        JsonNode anyAttributes = property(TYPES + "Order", "anyAttributes");
        assertThat(anyAttributes.path("additionalProperties").path("type").asText()).isEqualTo("string");
        assertThat(anyAttributes.path("propertyNames").path("pattern").asText()).isNotEmpty();
    }

    @Test
    void requiredElementsAndAttributesAreRequiredAndNothingElse() {
        // currency is use="required"; the attribute id (JSON @id beside the element id) is optional
        assertThat(texts(component(TYPES + "Order").path("required")))
                .containsExactly("id", "tags", "customer", "status", "currency");
        assertThat(texts(component(TYPES + "Price").path("required"))).doesNotContain("currency", "@value");
        assertThat(property(TYPES + "Order", "tags").path("minItems").asInt()).isEqualTo(1);
        assertThat(component(TYPES + "Order").path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(texts(component(TYPES + "TreeNode").path("required"))).containsExactly("label");
    }

    @Test
    void membersOfAChoiceExcludeEachOther() {
        JsonNode oneOf = component(TYPES + "Order").path("oneOf");
        assertThat(oneOf).hasSize(4);
        assertThat(texts(oneOf.get(0).path("required"))).containsExactly("card");
        assertThat(texts(oneOf.get(2).path("required"))).containsExactly("voucher");
        assertThat(oneOf.get(3).path("not").path("anyOf")).hasSize(3);
        assertThat(property(TYPES + "Order", "cash").path("description").asText()).contains("card, cash, voucher");
    }

    @Test
    void longIntegerAndDecimalArePrintedAsStringsAndReadFromNumbersToo() {
        String builtins = TYPES + "Builtins";
        assertThat(texts(property(builtins, "aLong").path("type"))).containsExactly("string", "integer");
        assertThat(property(builtins, "aLong").path("maximum").asText()).isEqualTo("9223372036854775807");
        assertThat(property(builtins, "anUnsignedLong").path("maximum").asText()).isEqualTo("18446744073709551615");
        assertThat(texts(property(builtins, "aDecimal").path("type"))).containsExactly("string", "number");
        assertThat(property(builtins, "aDecimal").path("pattern").asText()).startsWith("^").endsWith("$");
        assertThat(texts(property(builtins, "anInteger").path("type"))).containsExactly("string", "integer");
        assertThat(property(builtins, "aNonNegativeInteger").path("minimum").asInt()).isZero();
        assertThat(property(builtins, "aShort").path("minimum").asInt()).isEqualTo(-32768);
        assertThat(property(builtins, "anUnsignedInt").path("maximum").asLong()).isEqualTo(4294967295L);
        assertThat(property(builtins, "aDouble").path("anyOf").get(1).path("enum")).hasSize(3);
    }

    @Test
    void datesAreTheirXsdFormsAndBinaryIsBase64() {
        String builtins = TYPES + "Builtins";
        // xs:dateTime may lack a time zone: not RFC 3339, so no format: date-time
        assertThat(property(builtins, "aDateTime").has("format")).isFalse();
        assertThat(property(builtins, "aDateTime").path("description").asText()).contains("xs:dateTime");
        assertThat(property(builtins, "aDuration").path("pattern").asText()).isNotEmpty();
        assertThat(property(builtins, "aBase64Binary").path("contentEncoding").asText()).isEqualTo("base64");
        assertThat(property(builtins, "aHexBinary").path("contentEncoding").asText()).isEqualTo("base64");
        assertThat(property(TYPES + "Order", "any").path("items").path("type").asText()).isEqualTo("string");
    }

    @Test
    void errorsAreProblemJsonWithTheDeclaredFaultsAsDetail() {
        JsonNode placeOrder = doc.at("/paths/~1shop~1PlaceOrder/post/responses/default/content");
        assertThat(placeOrder.has("application/json")).isFalse();
        JsonNode allOf = placeOrder.path("application/problem+json").path("schema").path("allOf");
        assertThat(allOf.get(0).path("$ref").asText()).isEqualTo("#/components/schemas/" + ProblemSchemas.PROBLEM);
        List<String> details = new ArrayList<>();
        allOf.get(1).at("/properties/faultDetail/anyOf").forEach(ref -> details.add(ref.path("$ref").asText()));
        assertThat(details).containsExactly("#/components/schemas/" + TYPES + "Customer",
                "#/components/schemas/" + TYPES + "Memo");
        JsonNode count = doc.at("/paths/~1shop~1Count/post/responses/default/content/application~1problem+json/schema");
        assertThat(count.path("$ref").asText()).isEqualTo("#/components/schemas/" + ProblemSchemas.PROBLEM);
        JsonNode problem = component(ProblemSchemas.PROBLEM);
        assertThat(texts(problem.path("required"))).containsExactly("type", "title", "status", "code", "detail");
        List<String> keys = new ArrayList<>();
        problem.path("properties").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).contains("faultcode", "subcodes", "reason", "actor", "node", "role", "faultDetail",
                "faultDetailXml");
        assertThat(doc.at("/components/schemas/google.rpc.Status").isMissingNode()).isTrue();
    }
}
