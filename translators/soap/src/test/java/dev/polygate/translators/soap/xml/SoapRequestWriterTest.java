package dev.polygate.translators.soap.xml;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import dev.polygate.translators.soap.wsdl.SoapVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;

/** Envelopes of both versions, every body shape, headers and UsernameToken. */
class SoapRequestWriterTest {
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private static final String ENV11 = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">";
    private static final String ENV12 = "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\">";

    private static DynamicMessage add(int a, int b) {
        Descriptor type = Schemas.element("Add");
        return DynamicMessage.newBuilder(type).setField(type.findFieldByName("int_a"), a)
                .setField(type.findFieldByName("int_b"), b).build();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void elementShapeInBothVersions() {
        String body = "<soap:Body><ns1:Add xmlns:ns1=\"urn:polygate:test:shop\"><ns1:intA>1</ns1:intA><ns1:intB>2</ns1:intB>"
                + "</ns1:Add></soap:Body></soap:Envelope>";
        BodyShape shape = new BodyShape.Element(new QName(Schemas.SHOP, "Add"));
        assertThat(text(SoapRequestWriter.write(SoapVersion.SOAP_11, shape, add(1, 2), List.of()))).isEqualTo(HEAD + ENV11 + body);
        assertThat(text(SoapRequestWriter.write(SoapVersion.SOAP_12, shape, add(1, 2), List.of()))).isEqualTo(HEAD + ENV12 + body);
    }

    @Test
    void rpcShapeUsesTheWrapperWithUnqualifiedParts() throws Exception {
        // an rpc parts message: unqualified children named after the parts (Memo's "line" is unqualified)
        Descriptor memo = Schemas.element("o:Memo");
        DynamicMessage parts = Xml.read("<m:Memo xmlns:m=\"urn:polygate:test:other\"><line><text>t</text>"
                + "<m:code>c</m:code></line></m:Memo>", memo);
        String xml = text(SoapRequestWriter.write(SoapVersion.SOAP_11, new BodyShape.Rpc(new QName("urn:rpc", "DoIt")), parts,
                List.of()));
        assertThat(xml).isEqualTo(HEAD + ENV11 + "<soap:Body><ns1:DoIt xmlns:ns1=\"urn:rpc\"><line><text>t</text>"
                + "<ns2:code xmlns:ns2=\"urn:polygate:test:other\">c</ns2:code></line></ns1:DoIt></soap:Body></soap:Envelope>");
    }

    @Test
    void partsShapeWritesOneGlobalElementPerField() {
        // Add's two fields stand for two bare parts here
        String xml = text(SoapRequestWriter.write(SoapVersion.SOAP_12, new BodyShape.Parts(List.of(new QName("urn:p", "first"),
                new QName("urn:p", "second"))), add(4, 5), List.of()));
        assertThat(xml).isEqualTo(HEAD + ENV12 + "<soap:Body><ns1:first xmlns:ns1=\"urn:p\">4</ns1:first>"
                + "<ns1:second xmlns:ns1=\"urn:p\">5</ns1:second></soap:Body></soap:Envelope>");
    }

    @Test
    void headersWithMustUnderstandPerVersion() throws Exception {
        DynamicMessage comment = Xml.read("<c:comment xmlns:c=\"urn:polygate:test:shop\">hi</c:comment>", Schemas.element("comment"));
        List<HeaderBlock> headers = List.of(new HeaderBlock(new QName(Schemas.SHOP, "comment"), comment, null, true),
                new HeaderBlock(new QName("urn:h", "raw"), null, "<h:raw xmlns:h=\"urn:h\"><h:x>1</h:x></h:raw>", false));
        BodyShape shape = new BodyShape.Element(new QName(Schemas.SHOP, "Add"));
        assertThat(text(SoapRequestWriter.write(SoapVersion.SOAP_11, shape, add(1, 2), headers))).startsWith(HEAD + ENV11
                + "<soap:Header><ns1:comment xmlns:ns1=\"urn:polygate:test:shop\" soap:mustUnderstand=\"1\">hi</ns1:comment>"
                + "<h:raw xmlns:h=\"urn:h\"><h:x>1</h:x></h:raw></soap:Header><soap:Body>");
        assertThat(text(SoapRequestWriter.write(SoapVersion.SOAP_12, shape, add(1, 2), headers)))
                .contains("soap:mustUnderstand=\"true\">hi</ns1:comment>");
    }

    @Test
    void usernameTokenWithPasswordText() {
        // '<' and '&' are escaped in text; '>' needs no escape there
        HeaderBlock header = UsernameToken.header("ann", "s3cret<&>", false, Clock.systemUTC(), new SecureRandom());
        String xml = text(SoapRequestWriter.write(SoapVersion.SOAP_11, new BodyShape.Element(new QName(Schemas.SHOP, "Add")),
                add(1, 2), List.of(header)));
        assertThat(xml).contains("<soap:Header><wsse:Security xmlns:wsse=\"" + UsernameToken.WSSE + "\" xmlns:wsu=\""
                + UsernameToken.WSU + "\" soap:mustUnderstand=\"1\"><wsse:UsernameToken><wsse:Username>ann</wsse:Username>"
                + "<wsse:Password Type=\"" + UsernameToken.PASSWORD_TEXT + "\">s3cret&lt;&amp;></wsse:Password>"
                + "</wsse:UsernameToken></wsse:Security></soap:Header>");
    }

    @Test
    void usernameTokenDigestFollowsTheProfile() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2024-05-06T07:08:09.123456Z"), ZoneId.of("Europe/Paris"));
        HeaderBlock header = UsernameToken.header("ann", "pw", true, clock, new SecureRandom());
        String xml = text(SoapRequestWriter.write(SoapVersion.SOAP_12, new BodyShape.Element(new QName(Schemas.SHOP, "Add")),
                add(1, 2), List.of(header)));
        assertThat(xml).contains("soap:mustUnderstand=\"true\"", "<wsu:Created>2024-05-06T07:08:09.123Z</wsu:Created>",
                "Type=\"" + UsernameToken.PASSWORD_DIGEST + "\"");
        String nonce = group(xml, "<wsse:Nonce [^>]*>([^<]+)</wsse:Nonce>");
        String digest = group(xml, "<wsse:Password [^>]*>([^<]+)</wsse:Password>");
        byte[] nonceBytes = Base64.getDecoder().decode(nonce);
        assertThat(nonceBytes).hasSize(16);
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(nonceBytes);
        sha1.update("2024-05-06T07:08:09.123Z".getBytes(StandardCharsets.UTF_8));
        sha1.update("pw".getBytes(StandardCharsets.UTF_8));
        assertThat(digest).isEqualTo(Base64.getEncoder().encodeToString(sha1.digest()));
        assertThat(xml).doesNotContain(">pw<");
    }

    private static String group(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(regex).isTrue();
        return matcher.group(1);
    }

    @Test
    void noMessageLeavesTheBodyEmpty() {
        String xml = text(SoapRequestWriter.write(SoapVersion.SOAP_11, new BodyShape.NoMessage(),
                com.google.protobuf.Empty.getDefaultInstance(), List.of()));
        assertThat(xml).isEqualTo(HEAD + ENV11 + "<soap:Body></soap:Body></soap:Envelope>");
    }
}
