package dev.polygate.translators.soap.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;

/** Nil, choices, repeated groups, wildcards: XML → message → the same XML. */
class XmlStructureCodecTest {
    private static final String NS = "xmlns:ns1=\"urn:polygate:test:shop\"";
    private static final String XSI = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";

    private static String json(DynamicMessage message) throws Exception {
        return JsonFormat.printer().omittingInsignificantWhitespace().print(message);
    }

    @Test
    void nilAbsentAndValueStayDifferent() throws Exception {
        String xml = "<ns1:Order " + NS + " currency=\"EUR\"><ns1:id>1</ns1:id>"
                + "<ns1:discount " + XSI + " xsi:nil=\"true\"></ns1:discount>"
                + "<ns1:tags>a</ns1:tags><ns1:tags " + XSI + " xsi:nil=\"true\"></ns1:tags><ns1:tags>c</ns1:tags>"
                + "<ns1:customer " + XSI + " xsi:nil=\"true\"></ns1:customer>"
                + "<ns1:status>open</ns1:status>"
                + "<ns1:voucher " + XSI + " xsi:nil=\"true\"></ns1:voucher>"
                + "</ns1:Order>";
        DynamicMessage order = Xml.read(xml, Schemas.element("Order"));
        assertThat(json(order)).contains("\"discount\":{\"nil\":null}", "\"tags\":[{\"value\":\"a\"},{\"nil\":null},{\"value\":\"c\"}]",
                "\"voucher\":{\"nil\":null}").doesNotContain("note");
        assertThat(Xml.write(new QName(Schemas.SHOP, "Order"), order)).isEqualTo(xml);
    }

    @Test
    void nillableComplexValueAndSimpleContent() throws Exception {
        String xml = "<ns1:Order " + NS + " currency=\"EUR\"><ns1:id>1</ns1:id><ns1:discount>0.10</ns1:discount>"
                + "<ns1:customer><ns1:name>Ann</ns1:name><ns1:price currency=\"EUR\" value=\"v\">9.99</ns1:price></ns1:customer>"
                + "<ns1:status>open</ns1:status><ns1:cash>10.000</ns1:cash></ns1:Order>";
        DynamicMessage order = Xml.read(xml, Schemas.element("Order"));
        assertThat(json(order)).contains("\"cash\":\"10.000\"", "\"discount\":{\"value\":\"0.10\"}");
        assertThat(Xml.write(new QName(Schemas.SHOP, "Order"), order)).isEqualTo(xml);
    }

    @Test
    void nillableGlobalElementOfSimpleType() throws Exception {
        Descriptor count = Schemas.element("count");
        QName name = new QName(Schemas.SHOP, "count");
        String nil = "<ns1:count " + NS + " " + XSI + " xsi:nil=\"true\"></ns1:count>";
        String five = "<ns1:count " + NS + ">5</ns1:count>";
        assertThat(Xml.roundTrip(nil, name, count)).isEqualTo("<ns1:count " + NS + " " + XSI + " xsi:nil=\"true\"></ns1:count>");
        assertThat(Xml.roundTrip(five, name, count)).isEqualTo(five);
    }

    @Test
    void secondMemberOfATakenChoiceIsNotSilentlyDropped() {
        String xml = "<o:Order xmlns:o=\"urn:polygate:test:shop\" currency=\"EUR\"><o:card>1</o:card><o:cash>2</o:cash></o:Order>";
        assertThatThrownBy(() -> Xml.read(xml, Schemas.element("Order"))).hasMessageContaining("cash");
    }

    @Test
    void repeatedGroupsKeepTheirInterleaving() throws Exception {
        String xml = "<ns1:Playlist " + NS + ">"
                + "<ns1:song>a</ns1:song><ns1:pause>2</ns1:pause><ns1:song>b</ns1:song><ns1:song>c</ns1:song>"
                + "<ns1:key>k1</ns1:key><ns1:value>v1</ns1:value><ns1:key>k2</ns1:key><ns1:value>v2</ns1:value>"
                + "<ns1:many>m1</ns1:many><ns1:many>m2</ns1:many>"
                + "<ns1:from>2024-01-01</ns1:from><ns1:to>2024-12-31</ns1:to>"
                + "</ns1:Playlist>";
        DynamicMessage playlist = Xml.read(xml, Schemas.element("Playlist"));
        assertThat(json(playlist)).contains("\"choice\":[{\"song\":\"a\"},{\"pause\":2},{\"song\":\"b\"},{\"song\":\"c\"}]",
                "\"sequence\":[{\"key\":\"k1\",\"value\":\"v1\"},{\"key\":\"k2\",\"value\":\"v2\"}]",
                "\"many\":[\"m1\",\"m2\"]", "\"from\":\"2024-01-01\"");
        assertThat(Xml.write(new QName(Schemas.SHOP, "Playlist"), playlist)).isEqualTo(xml);
        String always = "<ns1:Playlist " + NS + "><ns1:pause>1</ns1:pause><ns1:one>x</ns1:one><ns1:always>1</ns1:always>"
                + "</ns1:Playlist>";
        assertThat(Xml.roundTrip(always, new QName(Schemas.SHOP, "Playlist"), Schemas.element("Playlist")))
                .isEqualTo(always.replace(">1</ns1:always>", ">true</ns1:always>"));
    }

    @Test
    void anyElementsAndAnyAttributesAreKept() throws Exception {
        String xml = "<ns1:Order " + NS + " currency=\"EUR\" xmlns:ns2=\"urn:x\" ns2:flag=\"y\">"
                + "<ns1:id>1</ns1:id><ns1:status>open</ns1:status><ns1:card>c</ns1:card>"
                + "<ns1:comment>hi</ns1:comment><ns3:note xmlns:ns3=\"urn:polygate:test:other\">n</ns3:note>"
                + "<x:ext xmlns:x=\"urn:ext\" a=\"1\"><x:deep>t &amp; u</x:deep></x:ext>"
                + "<ext2 xmlns=\"urn:ext2\"><in/></ext2>"
                + "</ns1:Order>";
        Descriptor type = Schemas.element("Order");
        DynamicMessage order = Xml.read(xml, type);
        assertThat(order.getField(type.findFieldByName("any"))).asList().containsExactly(
                "<x:ext xmlns:x=\"urn:ext\" a=\"1\"><x:deep>t &amp; u</x:deep></x:ext>",
                "<ext2 xmlns=\"urn:ext2\"><in></in></ext2>");
        assertThat(json(order)).contains("\"any_attributes\":{\"{urn:x}flag\":\"y\"}".replace("any_attributes", "anyAttributes"));
        assertThat(Xml.write(new QName(Schemas.SHOP, "Order"), order)).isEqualTo(xml.replace("<in/>", "<in></in>"));
    }

    @Test
    void anyValueThatIsNotOneElementIsRefused() {
        Descriptor type = Schemas.element("Order");
        DynamicMessage bad = DynamicMessage.newBuilder(type).addRepeatedField(type.findFieldByName("any"), "<a>unclosed").build();
        assertThatThrownBy(() -> Xml.write(new QName(Schemas.SHOP, "Order"), bad)).isInstanceOf(Exception.class);
        DynamicMessage two = DynamicMessage.newBuilder(type).addRepeatedField(type.findFieldByName("any"), "<a/><b/>").build();
        assertThatThrownBy(() -> Xml.write(new QName(Schemas.SHOP, "Order"), two)).isInstanceOf(Exception.class);
    }
}
