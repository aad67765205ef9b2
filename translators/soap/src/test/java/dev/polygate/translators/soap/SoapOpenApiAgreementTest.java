package dev.polygate.translators.soap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import dev.polygate.spi.GatewayException;
import dev.polygate.testing.OpenApiSchemas;
import dev.polygate.translators.model.transcoding.TranscodingOptions;
import dev.polygate.translators.soap.json.ShopJson;
import dev.polygate.translators.soap.json.XmlJsonCodec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schemas of a SOAP port's OpenAPI document and the JSON codec agree, checked by a JSON Schema validator:
 * what the codec reads, the request schema accepts, and what it prints, the response schema accepts; what the
 * codec refuses for a reason a schema keyword can state (a second choice member, null for a non-nillable element,
 * a missing required element, an unknown key, a lone item for a list, a wrong literal, an out-of-range or
 * malformed number), the schema refuses too. Real calendar dates are left to the descriptions: no keyword checks them.
 */
class SoapOpenApiAgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    private static final XmlJsonCodec CODEC = new XmlJsonCodec(TranscodingOptions.defaults());
    private static final String ORDER = ShopJson.ORDER;
    private static final String BUILTINS = ShopJson.BUILTINS;
    static ShopApiDocument shop;
    static OpenApiSchemas schemas;

    @BeforeAll
    static void generate() throws Exception {
        shop = ShopApiDocument.of("shop.wsdl", "");
        schemas = new OpenApiSchemas(shop.document());
    }

    /** The codec reads it and the operation's request schema accepts it; what the codec prints of it fits too. */
    private static void accepted(String operation, String json) throws Exception {
        DynamicMessage message = CODEC.read(json, shop.operation(operation).inputType());
        assertThat(schemas.problems(OpenApiSchemas.requestBody("/shop/" + operation, "post"), JSON.readTree(json)))
                .as(json).isEmpty();
        printed(message);
    }

    /** What the codec prints of a message fits the message type's schema, which answers refer to. */
    private static void printed(DynamicMessage message) throws Exception {
        String printed = CODEC.print(message);
        assertThat(schemas.problems(OpenApiSchemas.component(message.getDescriptorForType().getFullName()),
                JSON.readTree(printed))).as(printed).isEmpty();
    }

    /** The codec refuses it as the operation's request, and so does the request schema. */
    private static void refused(String operation, String json) throws Exception {
        refused(shop.operation(operation).inputType(), OpenApiSchemas.requestBody("/shop/" + operation, "post"), json);
    }

    private static void refused(Descriptor type, String pointer, String json) throws Exception {
        String refusal;
        try {
            CODEC.read(json, type);
            refusal = null;
        } catch (GatewayException e) {
            refusal = e.detail();
        }
        assertThat(refusal).as("the codec refuses " + json).isNotNull();
        assertThat(schemas.problems(pointer, JSON.readTree(json)))
                .as("the schema refuses " + json + " (the codec: " + refusal + ")").isNotEmpty();
    }

    @Test
    void ordersTheCodecReadsAndPrintsFitTheSchemas() throws Exception {
        accepted("PlaceOrder", ORDER);
        accepted("PlaceOrder", "{\"id\":\"o1\",\"line\":[],\"tags\":[null],\"customer\":null,\"status\":\"closed\","
                + "\"voucher\":null,\"any\":[],\"currency\":\"\"}");
        accepted("PlaceOrder", "{\"id\":\"o1\",\"discount\":1E+2,\"tags\":[\"t\"],\"customer\":null,"
                + "\"status\":\"closed\",\"cash\":0.10,\"currency\":\"EUR\"}");
        // the answer of an operation is checked against its response schema, as a client would
        String printed = CODEC.print(CODEC.read(ORDER, shop.operation("PlaceOrder").outputType()));
        assertThat(schemas.problems(OpenApiSchemas.response("/shop/PlaceOrder", "post", "200", "application/json"),
                JSON.readTree(printed))).isEmpty();
    }

    @Test
    void ordersTheCodecRefusesTheSchemaRefusesToo() throws Exception {
        refused("PlaceOrder", ORDER.replace("\"card\":\"1234\"", "\"card\":\"1234\",\"cash\":\"1\""));
        refused("PlaceOrder", ORDER.replace("\"card\":\"1234\"", "\"voucher\":null,\"card\":\"1234\""));
        refused("PlaceOrder", ORDER.replace("\"note\":\"n\"", "\"note\":null"));
        refused("PlaceOrder", ORDER.replace("\"status\":\"open\",", ""));
        refused("PlaceOrder", ORDER.replace("\"@id\":7,\"currency\":\"EUR\",", "\"@id\":7,")); // use="required"
        refused("PlaceOrder", ORDER.replace("\"customer\":{", "\"customer\":{\"vip\":true,"));
        refused("PlaceOrder", ORDER.replace("\"id\":\"o1\"", "\"id\":\"o1\",\"colour\":\"red\""));
        refused("PlaceOrder", ORDER.replace("\"tags\":[\"x\",null,\"z\"]", "\"tags\":\"x\""));
        refused("PlaceOrder", ORDER.replace("\"tags\":[\"x\",null,\"z\"]", "\"tags\":[]"));
        refused("PlaceOrder", ORDER.replace("\"status\":\"open\"", "\"status\":\"OPEN\""));
        refused("PlaceOrder", ORDER.replace("\"size\":\"a-b\"", "\"size\":\"SIZE_A_B\""));
        refused("PlaceOrder", ORDER.replace("\"discount\":\"1.10\"", "\"discount\":\"1e5\""));
        refused("PlaceOrder", ORDER.replace("\"discount\":\"1.10\"", "\"discount\":true"));
        refused("PlaceOrder", ORDER.replace("\"@id\":7", "\"@id\":\"7\""));
        refused("PlaceOrder", ORDER.replace("\"@id\":7", "\"@id\":2147483648"));
        refused("PlaceOrder", ORDER.replace("{\"{urn:x}a\":\"v\"}", "{\"x:a\":\"v\"}"));
        refused("PlaceOrder", ORDER.replace("\"qty\":2", "\"qty\":2.5"));
        refused("PlaceOrder", ORDER.replace("\"sku\":\"a\",", ""));
        refused("PlaceOrder", ORDER.replace("\"@value\":\"v\"", "\"@value\":1"));
        refused("PlaceOrder", "[]");
    }

    @Test
    void groupsAndRecursiveTypesAgree() throws Exception {
        String playlist = "{\"choice\":[{\"song\":\"a\"},{\"pause\":2}],\"sequence\":[{\"key\":\"k\",\"value\":\"v\"}],"
                + "\"many\":[\"m1\"],\"sequence_2\":{\"from\":\"2024-01-01\",\"to\":\"2024-02-29\"}}";
        accepted("Play", playlist);
        refused("Play", playlist.replace("{\"song\":\"a\"}", "{\"song\":\"a\",\"pause\":1}"));
        refused("Play", playlist.replace("\"many\"", "\"always\":true,\"many\""));
        refused("Play", playlist.replace("[{\"song\":\"a\"},{\"pause\":2}]", "[]"));
        refused("Play", playlist.replace("\"to\":\"2024-02-29\"", "\"to\":\"29.02.2024\""));
        accepted("Count", "{\"count\":5}");
        accepted("Count", "{\"count\":null}");
        refused("Count", "{\"count\":\"5\"}");
        printed(CODEC.read("{\"label\":\"r\",\"child\":[{\"label\":\"a\",\"child\":[]}]}",
                shop.operation("Count").outputType()));
        Descriptor tree = shop.operation("Count").outputType();
        refused(tree, OpenApiSchemas.component(tree.getFullName()), "{\"label\":\"r\",\"child\":[{\"child\":[]}]}");
    }

    @Test
    void builtinsKeepTheirLexicalFormsAndRanges() throws Exception {
        Descriptor builtins = shop.operation("Play").outputType();
        String pointer = OpenApiSchemas.component(builtins.getFullName());
        printed(CODEC.read(BUILTINS, builtins));
        // numbers where the codec also takes them: long, integer and decimal keep every digit either way
        printed(CODEC.read(BUILTINS.replace("\"aLong\":\"9007199254740993\"", "\"aLong\":9007199254740993")
                .replace("\"anUnsignedLong\":\"18446744073709551615\"", "\"anUnsignedLong\":18446744073709551615")
                .replace("\"aDecimal\":\"12345678901234567890.000000001\"", "\"aDecimal\":12345678901234567890.000000001")
                .replace("\"anInteger\":\"-123456789012345678901234567890\"", "\"anInteger\":-123456789012345678901234567890")
                .replace("\"aDouble\":\"-Infinity\"", "\"aDouble\":1e300"), builtins));
        assertThat(schemas.problems(pointer, JSON.readTree(BUILTINS.replace("\"aLong\":\"9007199254740993\"",
                "\"aLong\":9007199254740993")))).isEmpty();
        String[][] mistakes = {
                {"\"aLong\":\"9007199254740993\"", "\"aLong\":\"12a\""},
                {"\"aLong\":\"9007199254740993\"", "\"aLong\":9223372036854775808"},
                {"\"aLong\":\"9007199254740993\"", "\"aLong\":1.5"},
                {"\"anUnsignedLong\":\"18446744073709551615\"", "\"anUnsignedLong\":18446744073709551616"},
                {"\"aNonNegativeInteger\":\"0\"", "\"aNonNegativeInteger\":-1"},
                {"\"anInteger\":\"-123456789012345678901234567890\"", "\"anInteger\":\"12.5\""},
                {"\"aShort\":-32768", "\"aShort\":-32769"},
                {"\"aByte\":127", "\"aByte\":128"},
                {"\"anUnsignedInt\":4294967295", "\"anUnsignedInt\":-1"},
                {"\"aBoolean\":true", "\"aBoolean\":\"true\""},
                {"\"aDouble\":\"-Infinity\"", "\"aDouble\":\"-INF\""},
                {"\"aDateTime\":\"2024-02-29T24:00:00Z\"", "\"aDateTime\":\"2024-02-29 12:00:00\""},
                {"\"aDuration\":\"P1Y2M3DT4H5M6.7S\"", "\"aDuration\":\"1h\""},
                {"\"aQName\":\"{urn:x}local\"", "\"aQName\":\"x:local\""},
                {"\"aBase64Binary\":\"aGk/Pg==\"", "\"aBase64Binary\":7"}};
        for (String[] mistake : mistakes) {
            assertThat(BUILTINS).contains(mistake[0]);
            refused(builtins, pointer, BUILTINS.replace(mistake[0], mistake[1]));
        }
    }
}
