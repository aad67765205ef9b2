package dev.polygate.translators.soap.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polygate.translators.soap.wsdl.SoapVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile answers: DTDs (XXE, billion laughs) and deep nesting, refused without expanding anything. */
class SoapSecurityTest {
    private static final String S11 = "http://schemas.xmlsoap.org/soap/envelope/";

    private static void read(String body) throws Exception {
        SoapResponseReader.read(body.getBytes(StandardCharsets.UTF_8), 200, "text/xml", SoapVersion.SOAP_11,
                new BodyShape.Element(new QName(Schemas.SHOP, "AddResponse")), Schemas.element("AddResponse"), Map.of());
    }

    @Test
    void externalEntityIsRefused(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<s:Envelope xmlns:s=\"" + S11 + "\"><s:Body><r:AddResponse xmlns:r=\"urn:polygate:test:shop\">"
                + "<r:AddResult>&x;</r:AddResult></r:AddResponse></s:Body></s:Envelope>";
        assertThatThrownBy(() -> read(xxe)).isInstanceOf(SoapProtocolException.class)
                .hasMessageContaining("DTDs are not allowed in SOAP messages").message().doesNotContain("TOP-SECRET");
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE s:Envelope [<!ENTITY l0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        String bomb = dtd + "<s:Envelope xmlns:s=\"" + S11 + "\"><s:Body>&l9;</s:Body></s:Envelope>";
        assertThatThrownBy(() -> read(bomb)).isInstanceOf(SoapProtocolException.class)
                .hasMessageContaining("DTDs are not allowed in SOAP messages");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "<a>".repeat(5000) + "</a>".repeat(5000);
        String body = "<s:Envelope xmlns:s=\"" + S11 + "\"><s:Body><r:AddResponse xmlns:r=\"urn:polygate:test:shop\">"
                + deep + "</r:AddResponse></s:Body></s:Envelope>";
        assertThatThrownBy(() -> read(body)).isInstanceOf(SoapProtocolException.class).hasMessageContaining("nested more than");
        // the codec on its own also stops, below the element it reads
        assertThatThrownBy(() -> Xml.read("<t:Tree xmlns:t=\"urn:polygate:test:shop\">"
                + "<t:child>".repeat(200) + "</t:child>".repeat(200) + "</t:Tree>", Schemas.element("Tree")))
                .hasMessageContaining("nested more than 100");
    }

    @Test
    void anyProviderHardenedTheSameWayRefusesDtds() throws Exception {
        // JAX-WS puts woodstox on the test class path: whichever provider is found, the same settings hold.
        XMLInputFactory found = XMLInputFactory.newFactory();
        String xxe = "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><t:Tree xmlns:t=\"urn:polygate:test:shop\">"
                + "<t:label>&x;</t:label></t:Tree>";
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> Xml.read(found, xxe, Schemas.element("Tree")));
        assertThat(thrown).as(found.getClass().getName()).isNotNull();
        assertThat(String.valueOf(thrown.getMessage())).doesNotContain("root:");
    }
}
