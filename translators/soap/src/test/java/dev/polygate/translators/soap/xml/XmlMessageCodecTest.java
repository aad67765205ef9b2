package dev.polygate.translators.soap.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;

/** Sequences, attributes, repeated, optional, enums and scalars: XML → message → the same XML. */
class XmlMessageCodecTest {
    private static final String NS = "xmlns:ns1=\"urn:polygate:test:shop\"";

    private static QName shop(String local) {
        return new QName(Schemas.SHOP, local);
    }

    private static String json(DynamicMessage message) throws Exception {
        return JsonFormat.printer().omittingInsignificantWhitespace().print(message);
    }

    @Test
    void sequenceIsWrittenInFieldOrderQualified() throws Exception {
        String xml = "<ns1:Add " + NS + "><ns1:intA>2</ns1:intA><ns1:intB>3</ns1:intB></ns1:Add>";
        DynamicMessage add = Xml.read(xml, Schemas.element("Add"));
        assertThat(json(add)).isEqualTo("{\"intA\":2,\"intB\":3}");
        assertThat(Xml.write(shop("Add"), add)).isEqualTo(xml);
    }

    @Test
    void outOfOrderAndUnknownElementsAreReadLeniently() throws Exception {
        String xml = "<a:Add xmlns:a=\"urn:polygate:test:shop\"><a:intB>3</a:intB><a:extra><a:deep/></a:extra>"
                + "<a:intA> 2 </a:intA></a:Add>";
        DynamicMessage add = Xml.read(xml, Schemas.element("Add"));
        assertThat(json(add)).isEqualTo("{\"intA\":2,\"intB\":3}");
    }

    @Test
    void knownSingularElementTwiceIsAnError() {
        String xml = "<a:Add xmlns:a=\"urn:polygate:test:shop\"><a:intA>1</a:intA><a:intA>2</a:intA></a:Add>";
        assertThatThrownBy(() -> Xml.read(xml, Schemas.element("Add")))
                .isInstanceOf(XMLStreamException.class).hasMessageContaining("intA").hasMessageContaining("more than once");
    }

    @Test
    void attributesRepeatedOptionalAndEnumLiteral() throws Exception {
        String xml = "<ns1:Order " + NS + " id=\"7\" currency=\"EUR\">"
                + "<ns1:id>A1</ns1:id>"
                + "<ns1:line><ns1:sku>s1</ns1:sku><ns1:qty>1</ns1:qty></ns1:line>"
                + "<ns1:line><ns1:sku>s2</ns1:sku><ns1:qty>2</ns1:qty></ns1:line>"
                + "<ns1:tags>x</ns1:tags>"
                + "<ns1:size>a-b</ns1:size>"
                + "<ns1:status>closed</ns1:status>"
                + "<ns1:card>4111</ns1:card>"
                + "</ns1:Order>";
        DynamicMessage order = Xml.read(xml, Schemas.element("Order"));
        assertThat(json(order)).contains("\"line\":[{\"sku\":\"s1\",\"qty\":1},{\"sku\":\"s2\",\"qty\":2}]",
                "\"size\":\"SIZE_A_B\"", "\"status\":\"STATUS_CLOSED\"", "\"@id\":7", "\"currency\":\"EUR\"");
        assertThat(json(order)).doesNotContain("note", "discount");
        assertThat(Xml.write(shop("Order"), order)).isEqualTo(xml);
    }

    @Test
    void repeatedOfZeroOneAndMany() throws Exception {
        Descriptor memo = Schemas.element("o:Memo");
        String none = "<ns1:Memo xmlns:ns1=\"urn:polygate:test:other\"></ns1:Memo>";
        String one = "<ns1:Memo xmlns:ns1=\"urn:polygate:test:other\"><line><text>t</text>"
                + "<ns1:code>c</ns1:code></line></ns1:Memo>";
        String two = "<ns1:Memo xmlns:ns1=\"urn:polygate:test:other\"><line ns1:lang=\"en\" local=\"l\"><text>a</text>"
                + "<ns1:code>b</ns1:code></line><line><text>c</text><ns1:code>d</ns1:code></line></ns1:Memo>";
        assertThat(Xml.read(none, memo).getField(memo.findFieldByName("line"))).asList().isEmpty();
        assertThat(Xml.read(one, memo).getRepeatedFieldCount(memo.findFieldByName("line"))).isEqualTo(1);
        assertThat(Xml.roundTrip(none, new QName(Schemas.OTHER, "Memo"), memo)).isEqualTo(none);
        assertThat(Xml.roundTrip(one, new QName(Schemas.OTHER, "Memo"), memo)).isEqualTo(one);
        // unqualified local elements and a qualified attribute of the other namespace
        assertThat(Xml.roundTrip(two, new QName(Schemas.OTHER, "Memo"), memo)).isEqualTo(two);
    }

    @Test
    void builtinsKeepTheirLexicalForms() throws Exception {
        String xml = "<ns1:Builtins " + NS + ">"
                + "<ns1:aString> spaced </ns1:aString>"
                + "<ns1:aBoolean>true</ns1:aBoolean>"
                + "<ns1:aDecimal>12345678901234567890.000000000000000001</ns1:aDecimal>"
                + "<ns1:anInteger>-123456789012345678901234567890</ns1:anInteger>"
                + "<ns1:aNonNegativeInteger>18446744073709551616</ns1:aNonNegativeInteger>"
                + "<ns1:aLong>9223372036854775807</ns1:aLong>"
                + "<ns1:anInt>-2147483648</ns1:anInt>"
                + "<ns1:aShort>-32768</ns1:aShort>"
                + "<ns1:aByte>127</ns1:aByte>"
                + "<ns1:anUnsignedLong>18446744073709551615</ns1:anUnsignedLong>"
                + "<ns1:anUnsignedInt>4294967295</ns1:anUnsignedInt>"
                + "<ns1:aFloat>INF</ns1:aFloat>"
                + "<ns1:aDouble>NaN</ns1:aDouble>"
                + "<ns1:aDateTime>2024-02-29T23:59:60.5+14:00</ns1:aDateTime>"
                + "<ns1:aDate>2024-02-29Z</ns1:aDate>"
                + "<ns1:aTime>10:00:00</ns1:aTime>"
                + "<ns1:aDuration>P1Y2M3DT4H5M6.7S</ns1:aDuration>"
                + "<ns1:aBase64Binary>AAEC/w==</ns1:aBase64Binary>"
                + "<ns1:aHexBinary>0001FF</ns1:aHexBinary>"
                + "<ns1:aQName xmlns:ns2=\"urn:q\">ns2:thing</ns1:aQName>"
                + "<ns1:anAnyURI>http://x/y?z</ns1:anAnyURI>"
                + "<ns1:aList>1 2 3</ns1:aList>"
                + "<ns1:aRestrictedDecimal>1.10</ns1:aRestrictedDecimal>"
                + "</ns1:Builtins>";
        Descriptor type = Schemas.element("Builtins");
        DynamicMessage builtins = Xml.read(xml, type);
        assertThat(builtins.getField(type.findFieldByName("a_q_name"))).isEqualTo("{urn:q}thing");
        assertThat(builtins.getField(type.findFieldByName("a_base64_binary"))).isEqualTo(ByteString.copyFrom(new byte[] {0, 1, 2, -1}));
        assertThat(builtins.getField(type.findFieldByName("a_hex_binary"))).isEqualTo(ByteString.copyFrom(new byte[] {0, 1, -1}));
        assertThat(builtins.getField(type.findFieldByName("a_long"))).isEqualTo(Long.MAX_VALUE);
        assertThat(builtins.getField(type.findFieldByName("an_unsigned_long"))).isEqualTo(-1L);
        assertThat(Xml.write(shop("Builtins"), builtins)).isEqualTo(xml);
    }

    @Test
    void booleanOneZeroAndBase64WithLineBreaksAreRead() throws Exception {
        Descriptor type = Schemas.element("Builtins");
        String xml = "<b:Builtins xmlns:b=\"urn:polygate:test:shop\"><b:aBoolean> 1 </b:aBoolean>"
                + "<b:aBase64Binary>AAEC\n/w==\r\n</b:aBase64Binary></b:Builtins>";
        DynamicMessage read = Xml.read(xml, type);
        assertThat(read.getField(type.findFieldByName("a_boolean"))).isEqualTo(true);
        assertThat(read.getField(type.findFieldByName("a_base64_binary"))).isEqualTo(ByteString.copyFrom(new byte[] {0, 1, 2, -1}));
        assertThat(Xml.write(shop("Builtins"), read)).contains("<ns1:aBoolean>true</ns1:aBoolean>",
                "<ns1:aBase64Binary>AAEC/w==</ns1:aBase64Binary>");
    }

    @Test
    void badLexicalFormsNameTheElement() {
        Descriptor type = Schemas.element("Builtins");
        String[][] cases = {
            {"anInt", "2147483648", "out of range"},
            {"aShort", "40000", "out of range"},
            {"aByte", "128", "out of range"},
            {"aLong", "9223372036854775808", "out of range"},
            {"aDecimal", "1e5", "xs:decimal"},
            {"anInteger", "1.0", "xs:integer"},
            {"aBoolean", "yes", "boolean"},
            {"aHexBinary", "ABC", "hexBinary"},
            {"aBase64Binary", "!!!", "base64Binary"},
            {"aQName", "nope:x", "undeclared prefix"},
            {"aDouble", "Infinity", "float/double"},
        };
        for (String[] c : cases) {
            String xml = "<b:Builtins xmlns:b=\"urn:polygate:test:shop\"><b:" + c[0] + ">" + c[1] + "</b:" + c[0] + "></b:Builtins>";
            assertThatThrownBy(() -> Xml.read(xml, type)).as(c[0]).isInstanceOf(XMLStreamException.class)
                    .hasMessageContaining(c[0]).hasMessageContaining(c[2]);
        }
    }

    @Test
    void unknownEnumLiteralIsAnError() {
        String xml = "<o:Order xmlns:o=\"urn:polygate:test:shop\" currency=\"EUR\"><o:status>lost</o:status></o:Order>";
        assertThatThrownBy(() -> Xml.read(xml, Schemas.element("Order"))).hasMessageContaining("status")
                .hasMessageContaining("'lost'");
    }

    @Test
    void missingRequiredElementsAreLeftUnset() throws Exception {
        DynamicMessage add = Xml.read("<a:Add xmlns:a=\"urn:polygate:test:shop\"/>", Schemas.element("Add"));
        assertThat(add.getAllFields()).isEmpty();
    }

    @Test
    void complexContentExtensionAndRecursion() throws Exception {
        String dog = "<ns1:Dog " + NS + " legs=\"4\"><ns1:name>Rex</ns1:name><ns1:breed>pug</ns1:breed></ns1:Dog>";
        assertThat(Xml.roundTrip(dog, shop("Dog"), Schemas.element("Dog"))).isEqualTo(dog);
        String tree = "<ns1:Tree " + NS + "><ns1:label>a</ns1:label><ns1:child><ns1:label>b</ns1:label>"
                + "<ns1:child><ns1:label>c</ns1:label></ns1:child></ns1:child><ns1:child><ns1:label>d</ns1:label>"
                + "</ns1:child></ns1:Tree>";
        assertThat(Xml.roundTrip(tree, shop("Tree"), Schemas.element("Tree"))).isEqualTo(tree);
    }

    @Test
    void sameLocalNameTwiceAndMangledNames() throws Exception {
        String xml = "<ns1:Mangled " + NS + "><ns1:intA>1</ns1:intA><ns1:int_a>2</ns1:int_a><ns1:IntA>3</ns1:IntA>"
                + "<ns1:first-name>f</ns1:first-name><ns1:message>m</ns1:message>"
                + "<ns1:choice>c</ns1:choice></ns1:Mangled>";
        // "1st" is not an XML name and was not sent; a required string element is still always written
        assertThat(Xml.roundTrip(xml, shop("Mangled"), Schemas.element("Mangled")))
                .isEqualTo(xml.replace("<ns1:message>", "<ns1:1st></ns1:1st><ns1:message>"));
    }
}
