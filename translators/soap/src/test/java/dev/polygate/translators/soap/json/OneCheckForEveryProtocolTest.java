package dev.polygate.translators.soap.json;

import static dev.polygate.translators.soap.json.ShopSchema.element;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.translators.model.transcoding.TranscodingOptions;
import dev.polygate.translators.soap.schema.CompiledSchema;
import dev.polygate.translators.soap.schema.SchemaCompiler;
import dev.polygate.translators.soap.schema.SchemaRequest;
import dev.polygate.translators.soap.validation.MessageValidator;
import java.io.StringReader;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.namespace.QName;
import org.apache.ws.commons.schema.XmlSchemaCollection;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A message read from REST/JSON and a message decoded from protobuf bytes (native gRPC, gRPC-Web, WebSocket) meet
 * one check, the {@link MessageValidator}: the same bad value gives the same 400 naming the same field, and the
 * rules exist once. A protobuf message can carry what JSON reading would never produce (an empty required decimal,
 * an enum number without a literal), and those are refused as well.
 */
class OneCheckForEveryProtocolTest {
    private static final String DECIMAL = "an xs:decimal such as \"-12.50\" (digits, no exponent)";
    private final XmlJsonCodec codec = new XmlJsonCodec(TranscodingOptions.defaults());

    static Stream<Arguments> badScalars() {
        return Stream.of(
                Arguments.of("aDecimal", "\"1e3\"", "1e3", "expected " + DECIMAL + ", got \"1e3\""),
                Arguments.of("aDecimal", "\"abc\"", "abc", "expected " + DECIMAL + ", got \"abc\""),
                Arguments.of("aDecimal", "\"\"", "", "expected " + DECIMAL + ", got \"\""),
                Arguments.of("aRestrictedDecimal", "\"1.2.3\"", "1.2.3", "expected " + DECIMAL + ", got \"1.2.3\""),
                Arguments.of("anInteger", "1.5", "1.5", "expected an xs:integer (digits only), got \"1.5\""),
                Arguments.of("aNonNegativeInteger", "-1", "-1", "expected an xs:nonNegativeInteger, got \"-1\""),
                Arguments.of("aShort", "32768", 32768, "32768 is out of range for xs:short (-32768..32767)"),
                Arguments.of("aByte", "-129", -129, "-129 is out of range for xs:byte (-128..127)"),
                Arguments.of("aDate", "\"2023-02-29\"", "2023-02-29",
                        "expected an xs:date such as \"2024-01-31\", got \"2023-02-29\""),
                Arguments.of("aDateTime", "\"2024-01-31\"", "2024-01-31",
                        "expected an xs:dateTime such as \"2024-01-31T13:20:00Z\", got \"2024-01-31\""),
                Arguments.of("aTime", "\"13:60:00\"", "13:60:00",
                        "expected an xs:time such as \"13:20:00\", got \"13:60:00\""),
                Arguments.of("aDuration", "\"PT\"", "PT",
                        "expected an xs:duration such as \"P1DT2H\" or \"PT1.5S\", got \"PT\""),
                Arguments.of("aQName", "\"p:local\"", "p:local",
                        "expected a QName in Clark notation such as \"{urn:ns}local\", got \"p:local\""),
                Arguments.of("aQName", "\"{\\u0001}a\"", "{\u0001}a",
                        "expected a QName in Clark notation such as \"{urn:ns}local\", got \"{\u0001}a\""),
                Arguments.of("aString", "\"a\\u0001\"", "a\u0001",
                        "expected text XML can carry (U+0001 at position 2 is not allowed in XML), got \"a\u0001\""),
                Arguments.of("anAnyURI", "\"\\ufffe\"", "\ufffe",
                        "expected text XML can carry (U+FFFE at position 1 is not allowed in XML), got \"\ufffe\""));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badScalars")
    void aBadScalarIsRefusedAlikeFromJsonAndFromProtobuf(String key, String json, Object proto, String problem) {
        String expected = "field '" + key + "': " + problem;
        assertThat(refusal(() -> codec.read(ShopSchema.builtins(key, json), element("Builtins")))).isEqualTo(expected);
        DynamicMessage good = codec.read(ShopSchema.builtins(key, ShopSchema.goodBuiltins().get(key)), element("Builtins"));
        Message bad = good.toBuilder().setField(byJsonName(good.getDescriptorForType(), key), proto).build();
        assertThat(refusal(() -> MessageValidator.check(bad))).isEqualTo(expected);
        assertThat(refusal(() -> MessageValidator.check(DynamicMessage.parseFrom(element("Builtins"), bad.toByteString()))))
                .as("decoded from bytes, as gRPC brings it").isEqualTo(expected);
    }

    @Test
    void goodValuesPassBothWays() throws Exception {
        DynamicMessage good = codec.read(ShopSchema.builtins("aString", "\"s\""), element("Builtins"));
        assertThatCode(() -> MessageValidator.check(DynamicMessage.parseFrom(element("Builtins"), good.toByteString())))
                .doesNotThrowAnyException();
    }

    private static final String ORDER = "{\"id\":\"o1\",\"tags\":[\"t\"],\"customer\":{\"name\":\"n\",\"price\":{\"value\":\"1\"}},"
            + "\"status\":\"open\",\"currency\":\"EUR\"";

    @Test
    void nestedValuesNilWrappersAndItemsAreNamedByTheirPath() {
        DynamicMessage order = codec.read(ORDER + "}", element("Order"));
        DynamicMessage nil = (DynamicMessage) get(order, "customer"); // nillable: its wrapper holds the customer
        DynamicMessage customer = (DynamicMessage) get(nil, "value");
        DynamicMessage price = set((DynamicMessage) get(customer, "price"), "value", "x");
        bothRefuse(ORDER.replace("\"value\":\"1\"", "\"value\":\"x\"") + "}",
                set(order, "customer", set(nil, "value", set(customer, "price", price))),
                "field 'customer.price.value': expected " + DECIMAL + ", got \"x\"");
        DynamicMessage discount = codec.read(ORDER + ",\"discount\":\"2\"}", element("Order"));
        DynamicMessage wrapper = (DynamicMessage) get(discount, "discount");
        bothRefuse(ORDER + ",\"discount\":\"2x\"}", set(discount, "discount", set(wrapper, "value", "2x")),
                "field 'discount': expected " + DECIMAL + ", got \"2x\"");
        DynamicMessage any = codec.read(ORDER + ",\"any\":[\"<o:a xmlns:o='urn:o'/>\"]}", element("Order"));
        Message badAny = any.toBuilder().setRepeatedField(byJsonName(any.getDescriptorForType(), "any"), 0, "<a><b></a>").build();
        String fromJson = refusal(() -> codec.read(ORDER + ",\"any\":[\"<a><b></a>\"]}", element("Order")));
        assertThat(fromJson).startsWith("field 'any[0]': expected one well-formed XML element, got \"<a><b></a>\": ");
        assertThat(refusal(() -> MessageValidator.check(badAny))).isEqualTo(fromJson);
    }

    @Test
    void requiredElementsAndAttributeNames() {
        DynamicMessage order = codec.read(ORDER + "}", element("Order"));
        Message noCustomer = order.toBuilder().clearField(byJsonName(order.getDescriptorForType(), "customer")).build();
        bothRefuse(ORDER.replace("\"customer\":{\"name\":\"n\",\"price\":{\"value\":\"1\"}},", "") + "}", noCustomer,
                "missing required element 'customer'");
        Message noStatus = order.toBuilder().clearField(byJsonName(order.getDescriptorForType(), "status")).build();
        bothRefuse(ORDER.replace("\"status\":\"open\",", "") + "}", noStatus, "missing required element 'status'");
        Message noTags = order.toBuilder().clearField(byJsonName(order.getDescriptorForType(), "tags")).build();
        bothRefuse(ORDER.replace("\"tags\":[\"t\"]", "\"tags\":[]") + "}", noTags, "field 'tags': at least 1 item required, got 0");
        DynamicMessage attributes = codec.read(ORDER + ",\"anyAttributes\":{\"{urn:x}a\":\"v\"}}", element("Order"));
        FieldDescriptor map = byJsonName(attributes.getDescriptorForType(), "anyAttributes");
        DynamicMessage entry = (DynamicMessage) attributes.getRepeatedField(map, 0);
        Message badName = attributes.toBuilder().setRepeatedField(map, 0,
                set(entry, entry.getDescriptorForType().findFieldByNumber(1).getJsonName(), "p:a")).build();
        bothRefuse(ORDER + ",\"anyAttributes\":{\"p:a\":\"v\"}}", badName, "field 'anyAttributes[\"p:a\"]': an attribute "
                + "name must be a QName in Clark notation such as \"{urn:ns}local\"");
    }

    /** What JSON cannot even say: an enum number with no literal, a required decimal left empty. */
    @Test
    void protobufCarriesMoreThanJsonAndIsCheckedAlike() {
        DynamicMessage order = codec.read(ORDER + "}", element("Order"));
        FieldDescriptor size = byJsonName(order.getDescriptorForType(), "size");
        String literals = "expected one of \"1st\", \"a-b\", \"a_b\", \"small\", got ";
        assertThat(refusal(() -> MessageValidator.check(order.toBuilder()
                .setField(size, size.getEnumType().findValueByNumberCreatingIfUnknown(9)).build())))
                .isEqualTo("field 'size': " + literals + "9");
        assertThat(refusal(() -> MessageValidator.check(order.toBuilder()
                .setField(size, size.getEnumType().findValueByNumber(0)).build())))
                .isEqualTo("field 'size': " + literals + size.getEnumType().findValueByNumber(0).getName());
        Descriptor builtins = element("Builtins");
        assertThat(refusal(() -> MessageValidator.check(DynamicMessage.getDefaultInstance(builtins))))
                .as("the first required value whose default the XML writer would send and its type refuses")
                .isEqualTo("field 'aDecimal': expected " + DECIMAL + ", got \"\"");
    }

    @Test
    void moreItemsThanMaxOccursAreRefusedAlike() throws Exception {
        XmlSchemaCollection schemas = new XmlSchemaCollection();
        schemas.read(new StringReader("""
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:few"
                           elementFormDefault="qualified">
                  <xs:element name="Few"><xs:complexType><xs:sequence>
                    <xs:element name="n" type="xs:decimal" minOccurs="2" maxOccurs="3"/>
                  </xs:sequence></xs:complexType></xs:element>
                </xs:schema>"""));
        CompiledSchema schema = SchemaCompiler.compile(schemas, new SchemaRequest("polygate.test.few",
                "polygate/test/few.proto", List.of(new QName("urn:few", "Few")), List.of()));
        Descriptor few = schema.messageForElement(new QName("urn:few", "Few")).orElseThrow();
        FieldDescriptor n = byJsonName(few, "n");
        DynamicMessage four = DynamicMessage.newBuilder(few).addRepeatedField(n, "1").addRepeatedField(n, "2")
                .addRepeatedField(n, "3").addRepeatedField(n, "4").build();
        assertThat(refusal(() -> codec.read("{\"n\":[1,2,3,4]}", few))).isEqualTo("field 'n': at most 3 items allowed, got 4");
        assertThat(refusal(() -> MessageValidator.check(four))).isEqualTo("field 'n': at most 3 items allowed, got 4");
        DynamicMessage one = DynamicMessage.newBuilder(few).addRepeatedField(n, "1").build();
        assertThat(refusal(() -> codec.read("{\"n\":[1]}", few))).isEqualTo("field 'n': at least 2 items required, got 1");
        assertThat(refusal(() -> MessageValidator.check(one))).isEqualTo("field 'n': at least 2 items required, got 1");
        assertThatCode(() -> codec.read("{\"n\":[1,\"2.5\",3]}", few)).doesNotThrowAnyException();
    }

    private void bothRefuse(String json, Message message, String expected) {
        assertThat(refusal(() -> codec.read(json, message.getDescriptorForType()))).as("from JSON").isEqualTo(expected);
        assertThat(refusal(() -> MessageValidator.check(message))).as("from protobuf").isEqualTo(expected);
    }

    private static String refusal(ThrowingCallable call) {
        GatewayException refused = catchThrowableOfType(call, GatewayException.class);
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
        return refused.getMessage();
    }

    private static FieldDescriptor byJsonName(Descriptor type, String jsonName) {
        return type.getFields().stream().filter(f -> f.getJsonName().equals(jsonName)).findFirst().orElseThrow();
    }

    private static Object get(DynamicMessage message, String jsonName) {
        return message.getField(byJsonName(message.getDescriptorForType(), jsonName));
    }

    private static DynamicMessage set(DynamicMessage message, String jsonName, Object value) {
        return message.toBuilder().setField(byJsonName(message.getDescriptorForType(), jsonName), value).build();
    }
}
