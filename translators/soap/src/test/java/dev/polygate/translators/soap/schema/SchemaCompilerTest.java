package dev.polygate.translators.soap.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor.JavaType;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import dev.polygate.spi.ConfigException;
import dev.polygate.xml.v1.XmlField;
import dev.polygate.xml.v1.XmlFieldKind;
import dev.polygate.xml.v1.XmlMessage;
import dev.polygate.xml.v1.XmlMessageKind;
import dev.polygate.xml.v1.XmlProto;
import dev.polygate.xml.v1.XsdType;
import java.util.List;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchemaCompilerTest {
    static final String[] ALL = {"Add", "AddResponse", "Order", "Customer", "Playlist", "Builtins", "Dog", "Tree",
        "Mangled", "count", "o:Memo"};
    private static CompiledSchema schema;

    @BeforeAll
    static void compile() throws Exception {
        schema = TestSchemas.compileShop(ALL);
    }

    @Test
    void sequenceKeepsDocumentOrderAndJsonNamesAreTheXmlNames() {
        Descriptor add = element("Add");
        assertThat(add.getFields()).extracting(FieldDescriptor::getName).containsExactly("int_a", "int_b");
        assertThat(add.getFields()).extracting(FieldDescriptor::getJsonName).containsExactly("intA", "intB");
        assertThat(add.getFields()).extracting(FieldDescriptor::getNumber).containsExactly(1, 2);
        assertThat(field(element("AddResponse"), "AddResult").getType()).isEqualTo(FieldDescriptor.Type.INT32);
        assertThat(xml(field(add, "intA")).getNamespace()).isEqualTo(TestSchemas.SHOP);
        assertThat(message(add)).isEqualTo(XmlMessage.newBuilder().setName("Add").setNamespace(TestSchemas.SHOP)
                .setAnonymous(true).build());
    }

    @Test
    void maxOccursAboveOneIsRepeatedWhateverTheMinimum() {
        Descriptor order = element("Order");
        assertThat(field(order, "line").isRepeated()).isTrue();
        assertThat(xml(field(order, "line")).getMaxOccurs()).isZero(); // unbounded
        assertThat(field(order, "tags").isRepeated()).isTrue();
        assertThat(xml(field(order, "tags")).getMinOccurs()).isEqualTo(1);
        assertThat(field(order, "id").isRepeated()).isFalse();
    }

    @Test
    void minOccursZeroGivesPresenceAndRequiredDoesNot() {
        Descriptor order = element("Order");
        assertThat(field(order, "note").hasPresence()).isTrue();
        assertThat(field(order, "note").toProto().getProto3Optional()).isTrue();
        assertThat(field(order, "id").hasPresence()).isFalse();
        assertThat(field(order, "size").hasPresence()).isTrue();
    }

    @Test
    void nillableElementsHoldANilWrapperSoNullDiffersFromAbsent() {
        Descriptor order = element("Order");
        FieldDescriptor discount = field(order, "discount");
        assertThat(xml(discount).getNillable()).isTrue();
        assertThat(xml(discount).getType()).isEqualTo(XsdType.XSD_TYPE_DECIMAL);
        Descriptor wrapper = discount.getMessageType();
        assertThat(wrapper.getName()).isEqualTo("NilDecimal");
        assertThat(message(wrapper).getKind()).isEqualTo(XmlMessageKind.XML_MESSAGE_KIND_NIL_WRAPPER);
        assertThat(wrapper.getFields()).extracting(FieldDescriptor::getName).containsExactly("value", "nil");
        assertThat(wrapper.findFieldByName("value").getContainingOneof().getName()).isEqualTo("kind");
        assertThat(wrapper.findFieldByName("nil").getEnumType().getFullName()).isEqualTo("google.protobuf.NullValue");
        // repeated nillable: one wrapper per item; complex nillable: the wrapper holds the type's message
        assertThat(field(order, "tags").getMessageType().getName()).isEqualTo("NilString");
        assertThat(field(order, "customer").getMessageType().findFieldByName("value").getMessageType().getName())
                .isEqualTo("CustomerType");
        // the three states, as the JSON layer will see them
        DynamicMessage nil = DynamicMessage.newBuilder(order).setField(discount, DynamicMessage.newBuilder(wrapper)
                .setField(wrapper.findFieldByName("nil"), wrapper.findFieldByName("nil").getEnumType().getValues().get(0))
                .build()).build();
        assertThat(nil.hasField(discount)).isTrue();
        assertThat(DynamicMessage.getDefaultInstance(order).hasField(discount)).isFalse();
    }

    @Test
    void attributesAreFieldsAndOneSharingAnElementNameGetsAnAtKey() {
        Descriptor order = element("Order");
        FieldDescriptor idAttribute = field(order, "@id");
        assertThat(idAttribute.getName()).isEqualTo("id_attr");
        assertThat(xml(idAttribute).getKind()).isEqualTo(XmlFieldKind.XML_FIELD_KIND_ATTRIBUTE);
        assertThat(xml(idAttribute).getName()).isEqualTo("id");
        assertThat(xml(idAttribute).getNamespace()).isEmpty(); // attributeFormDefault="unqualified"
        assertThat(xml(field(order, "id")).getKind()).isEqualTo(XmlFieldKind.XML_FIELD_KIND_ELEMENT);
        FieldDescriptor currency = field(order, "currency");
        assertThat(currency.hasPresence()).as("use=required").isFalse();
        FieldDescriptor anyAttributes = field(order, "anyAttributes");
        assertThat(anyAttributes.isMapField()).isTrue();
        assertThat(xml(anyAttributes).getKind()).isEqualTo(XmlFieldKind.XML_FIELD_KIND_ANY_ATTRIBUTE);
    }

    @Test
    void simpleContentIsAValueFieldBesideTheAttributes() {
        Descriptor price = schema.file().findMessageTypeByName("Price");
        assertThat(price.getFields()).extracting(FieldDescriptor::getJsonName).containsExactly("value", "currency", "@value");
        assertThat(xml(field(price, "value")).getKind()).isEqualTo(XmlFieldKind.XML_FIELD_KIND_VALUE);
        assertThat(xml(field(price, "value")).getType()).isEqualTo(XsdType.XSD_TYPE_DECIMAL);
        assertThat(xml(field(price, "@value")).getName()).isEqualTo("value");
    }

    @Test
    void choiceIsAOneofAndARepeatedChoiceAGroupMessage() {
        Descriptor order = element("Order");
        assertThat(field(order, "card").getRealContainingOneof().getFields()).extracting(FieldDescriptor::getJsonName)
                .containsExactly("card", "cash", "voucher");
        assertThat(field(order, "card").getRealContainingOneof().getOptions().getExtension(XmlProto.xmlOneof))
                .isEqualTo("choice");
        Descriptor playlist = element("Playlist");
        FieldDescriptor choices = field(playlist, "choice");
        assertThat(choices.isRepeated()).isTrue();
        assertThat(xml(choices).getKind()).isEqualTo(XmlFieldKind.XML_FIELD_KIND_GROUP);
        Descriptor item = choices.getMessageType();
        assertThat(message(item).getKind()).isEqualTo(XmlMessageKind.XML_MESSAGE_KIND_GROUP);
        assertThat(item.getFields()).allMatch(f -> f.getRealContainingOneof() != null);
        FieldDescriptor pairs = field(playlist, "sequence");
        assertThat(pairs.isRepeated()).isTrue();
        assertThat(pairs.getMessageType().getFields()).extracting(FieldDescriptor::getJsonName).containsExactly("key", "value");
        // a choice with a repeated member cannot be a oneof: plain fields
        assertThat(field(playlist, "many").isRepeated()).isTrue();
        assertThat(field(playlist, "many").getRealContainingOneof()).isNull();
        assertThat(field(playlist, "one").hasPresence()).isTrue();
        // a sequence inside a choice: a group message as a oneof member
        FieldDescriptor range = field(playlist, "always").getRealContainingOneof().getFields().get(0);
        assertThat(xml(range).getKind()).isEqualTo(XmlFieldKind.XML_FIELD_KIND_GROUP);
        assertThat(range.getMessageType().getFields()).extracting(FieldDescriptor::getJsonName).containsExactly("from", "to");
    }

    @Test
    void enumerationsBecomeEnumsWithTheLiteralsAsOptions() {
        EnumDescriptor size = field(element("Order"), "size").getEnumType();
        assertThat(size.getValues()).extracting(v -> v.getName())
                .containsExactly("SIZE_UNSPECIFIED", "SIZE_1ST", "SIZE_A_B", "SIZE_A_B2", "SIZE_SMALL");
        assertThat(size.getValues().subList(1, 5)).extracting(v -> v.getOptions().getExtension(XmlProto.literal))
                .containsExactly("1st", "a-b", "a_b", "small");
        assertThat(size.getOptions().getExtension(XmlProto.xmlEnum)).isEqualTo("{" + TestSchemas.SHOP + "}Size");
        EnumDescriptor status = field(element("Order"), "status").getEnumType();
        assertThat(status.getFullName()).isEqualTo("polygate.test.shop.Order.Status"); // anonymous: nested
    }

    @Test
    void anyIsXmlTextAndRefsKeepTheirNamespace() {
        Descriptor order = element("Order");
        FieldDescriptor any = field(order, "any");
        assertThat(any.getType()).isEqualTo(FieldDescriptor.Type.STRING);
        assertThat(any.isRepeated()).isTrue();
        assertThat(xml(any).getKind()).isEqualTo(XmlFieldKind.XML_FIELD_KIND_ANY);
        assertThat(xml(field(order, "comment")).getNamespace()).isEqualTo(TestSchemas.SHOP);
        FieldDescriptor otherNote = field(order, "note_2");
        assertThat(xml(otherNote).getName()).isEqualTo("note");
        assertThat(xml(otherNote).getNamespace()).isEqualTo(TestSchemas.OTHER);
    }

    @Test
    void builtinTypesMapAsTheContractSays() {
        Descriptor builtins = element("Builtins");
        expect(builtins, "aString", FieldDescriptor.Type.STRING, XsdType.XSD_TYPE_UNSPECIFIED);
        expect(builtins, "aBoolean", FieldDescriptor.Type.BOOL, XsdType.XSD_TYPE_BOOLEAN);
        expect(builtins, "aDecimal", FieldDescriptor.Type.STRING, XsdType.XSD_TYPE_DECIMAL);
        expect(builtins, "anInteger", FieldDescriptor.Type.STRING, XsdType.XSD_TYPE_INTEGER);
        expect(builtins, "aNonNegativeInteger", FieldDescriptor.Type.STRING, XsdType.XSD_TYPE_INTEGER);
        expect(builtins, "aLong", FieldDescriptor.Type.INT64, XsdType.XSD_TYPE_LONG);
        expect(builtins, "anInt", FieldDescriptor.Type.INT32, XsdType.XSD_TYPE_INT);
        expect(builtins, "aShort", FieldDescriptor.Type.INT32, XsdType.XSD_TYPE_SHORT);
        expect(builtins, "aByte", FieldDescriptor.Type.INT32, XsdType.XSD_TYPE_BYTE);
        expect(builtins, "anUnsignedLong", FieldDescriptor.Type.UINT64, XsdType.XSD_TYPE_UNSIGNED_LONG);
        expect(builtins, "anUnsignedInt", FieldDescriptor.Type.UINT32, XsdType.XSD_TYPE_UNSIGNED_INT);
        expect(builtins, "aFloat", FieldDescriptor.Type.FLOAT, XsdType.XSD_TYPE_FLOAT);
        expect(builtins, "aDouble", FieldDescriptor.Type.DOUBLE, XsdType.XSD_TYPE_DOUBLE);
        expect(builtins, "aDateTime", FieldDescriptor.Type.STRING, XsdType.XSD_TYPE_DATE_TIME);
        expect(builtins, "aDate", FieldDescriptor.Type.STRING, XsdType.XSD_TYPE_DATE);
        expect(builtins, "aTime", FieldDescriptor.Type.STRING, XsdType.XSD_TYPE_TIME);
        expect(builtins, "aDuration", FieldDescriptor.Type.STRING, XsdType.XSD_TYPE_DURATION);
        expect(builtins, "aBase64Binary", FieldDescriptor.Type.BYTES, XsdType.XSD_TYPE_BASE64_BINARY);
        expect(builtins, "aHexBinary", FieldDescriptor.Type.BYTES, XsdType.XSD_TYPE_HEX_BINARY);
        expect(builtins, "aQName", FieldDescriptor.Type.STRING, XsdType.XSD_TYPE_QNAME);
        expect(builtins, "anAnyURI", FieldDescriptor.Type.STRING, XsdType.XSD_TYPE_ANY_URI);
        expect(builtins, "aList", FieldDescriptor.Type.STRING, XsdType.XSD_TYPE_LIST);
        expect(builtins, "aRestrictedDecimal", FieldDescriptor.Type.STRING, XsdType.XSD_TYPE_DECIMAL);
        assertThat(xml(field(builtins, "aRestrictedDecimal")).getXsdTypeName()).isEqualTo("{" + TestSchemas.SHOP + "}Amount");
    }

    @Test
    void formDefaultsDecideWhichNamesAreQualified() {
        Descriptor line = element("o:Memo").findFieldByName("line").getMessageType();
        assertThat(xml(field(line, "text")).getNamespace()).as("elementFormDefault=unqualified").isEmpty();
        assertThat(xml(field(line, "code")).getNamespace()).as("form=qualified").isEqualTo(TestSchemas.OTHER);
        assertThat(xml(field(line, "lang")).getNamespace()).as("attributeFormDefault=qualified").isEqualTo(TestSchemas.OTHER);
        assertThat(xml(field(line, "local")).getNamespace()).as("form=unqualified").isEmpty();
        assertThat(message(element("o:Memo")).getNamespace()).isEqualTo(TestSchemas.OTHER);
        assertThat(schema.file().getOptions().getExtension(XmlProto.xmlFile).getTargetNamespacesList())
                .containsExactly(TestSchemas.SHOP, TestSchemas.OTHER);
    }

    @Test
    void namedAndAnonymousTypesAndSameNamesInTwoNamespaces() {
        // the element Customer (anonymous type) was asked for by name first; the type of the same name gets "Type"
        assertThat(element("Customer").getName()).isEqualTo("Customer");
        assertThat(message(element("Customer")).getAnonymous()).isTrue();
        Descriptor customerType = schema.file().findMessageTypeByName("CustomerType");
        assertThat(message(customerType)).isEqualTo(XmlMessage.newBuilder().setName("Customer")
                .setNamespace(TestSchemas.SHOP).build());
        // Line exists in both namespaces
        assertThat(schema.file().findMessageTypeByName("Line")).isNotNull();
        assertThat(message(schema.file().findMessageTypeByName("LineType")).getNamespace()).isEqualTo(TestSchemas.OTHER);
        // an element of a named type shares the type's message
        assertThat(element("Order").getName()).isEqualTo("Order");
        assertThat(message(element("Order")).getAnonymous()).isFalse();
    }

    @Test
    void extensionPutsBaseFieldsFirst() {
        Descriptor dog = element("Dog");
        assertThat(dog.getFields()).extracting(FieldDescriptor::getJsonName).containsExactly("name", "legs", "breed");
        assertThat(xml(field(dog, "legs")).getKind()).isEqualTo(XmlFieldKind.XML_FIELD_KIND_ATTRIBUTE);
    }

    @Test
    void recursiveTypesReferToThemselves() {
        Descriptor tree = element("Tree");
        assertThat(tree.getName()).isEqualTo("TreeNode");
        assertThat(field(tree, "child").getMessageType()).isSameAs(tree);
        assertThat(field(tree, "child").isRepeated()).isTrue();
    }

    @Test
    void manglingMakesUniqueIdentifiersAndKeepsXmlNamesForJson() {
        Descriptor mangled = element("Mangled");
        assertThat(mangled.getFields()).extracting(FieldDescriptor::getName)
                .containsExactly("int_a", "int_a_2", "int_a_3", "first_name", "_1st", "message_", "choice");
        // protoc compares JSON names ignoring case, so "IntA" cannot sit beside "intA"
        assertThat(mangled.getFields()).extracting(FieldDescriptor::getJsonName)
                .containsExactly("intA", "int_a", "IntA_2", "first-name", "1st", "message", "choice");
        assertThat(xml(mangled.getFields().get(2)).getName()).isEqualTo("IntA");
    }

    @Test
    void aGlobalElementOfSimpleTypeIsAMessageWithOneValueField() {
        Descriptor count = element("count");
        assertThat(message(count).getKind()).isEqualTo(XmlMessageKind.XML_MESSAGE_KIND_SIMPLE_ELEMENT);
        assertThat(message(count).getName()).isEqualTo("count");
        FieldDescriptor value = field(count, "count");
        assertThat(xml(value).getKind()).isEqualTo(XmlFieldKind.XML_FIELD_KIND_VALUE);
        assertThat(value.getMessageType().getName()).isEqualTo("NilInt");
    }

    @Test
    void rpcPartsAreUnqualifiedElementsOfOneMessage() throws Exception {
        QName operation = new QName("urn:polygate:test:rpc", "Multiply");
        CompiledSchema rpc = SchemaCompiler.compile(TestSchemas.shop(), new SchemaRequest("polygate.test.rpc",
                "polygate/test/rpc.proto", List.of(), List.of(new SchemaRequest.RpcMessage(operation, List.of(
                        SchemaRequest.RpcPart.ofType("a", new QName(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI, "int")),
                        SchemaRequest.RpcPart.ofType("line", new QName(TestSchemas.SHOP, "Line")),
                        new SchemaRequest.RpcPart("comment", null, new QName(TestSchemas.SHOP, "comment")))))));
        Descriptor multiply = rpc.messageForRpc(operation).orElseThrow();
        assertThat(message(multiply).getKind()).isEqualTo(XmlMessageKind.XML_MESSAGE_KIND_RPC_PARTS);
        assertThat(multiply.getFields()).extracting(FieldDescriptor::getJsonName).containsExactly("a", "line", "comment");
        assertThat(xml(field(multiply, "a")).getNamespace()).isEmpty();
        assertThat(xml(field(multiply, "comment")).getNamespace()).isEqualTo(TestSchemas.SHOP);
    }

    @Test
    void unknownElementsAreConfigErrors() {
        assertThatThrownBy(() -> TestSchemas.compileShop("Nope")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("{urn:polygate:test:shop}Nope");
    }

    @Test
    void jsonFormatPrintsAndParsesEveryGeneratedMessage() throws Exception {
        JsonFormat.Printer printer = JsonFormat.printer().usingTypeRegistry(schema.typeRegistry());
        JsonFormat.Parser parser = JsonFormat.parser().usingTypeRegistry(schema.typeRegistry());
        for (Descriptor message : schema.file().getMessageTypes()) {
            DynamicMessage filled = Samples.fill(message, 0);
            String json = printer.print(filled);
            DynamicMessage.Builder back = DynamicMessage.newBuilder(message);
            parser.merge(json, back);
            assertThat(back.build()).as(message.getName() + " " + json).isEqualTo(filled);
        }
        Descriptor add = element("Add");
        assertThat(printer.print(Samples.fill(add, 0))).contains("\"intA\": 1", "\"intB\": 1");
    }

    private static void expect(Descriptor message, String json, FieldDescriptor.Type type, XsdType xsd) {
        assertThat(field(message, json).getType()).as(json).isEqualTo(type);
        assertThat(xml(field(message, json)).getType()).as(json).isEqualTo(xsd);
    }

    static Descriptor element(String name) {
        QName qname = name.startsWith("o:") ? new QName(TestSchemas.OTHER, name.substring(2)) : new QName(TestSchemas.SHOP, name);
        return schema.messageForElement(qname).orElseThrow();
    }

    static FieldDescriptor field(Descriptor message, String jsonName) {
        return message.getFields().stream().filter(f -> f.getJsonName().equals(jsonName)).findFirst()
                .orElseThrow(() -> new AssertionError(message.getName() + " has no field " + jsonName + ": "
                        + message.getFields().stream().map(FieldDescriptor::getJsonName).toList()));
    }

    static XmlField xml(FieldDescriptor field) {
        return field.getOptions().getExtension(XmlProto.xmlField);
    }

    static XmlMessage message(Descriptor message) {
        return message.getOptions().getExtension(XmlProto.xmlMessage);
    }

}
