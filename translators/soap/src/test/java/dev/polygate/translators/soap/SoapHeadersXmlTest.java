package dev.polygate.translators.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polygate.spi.GatewayException;
import dev.polygate.translators.soap.wsdl.SoapVersion;
import dev.polygate.translators.soap.xml.HeaderBlock;
import dev.polygate.translators.soap.xml.IllegalXmlCharacterException;
import dev.polygate.translators.soap.xml.SoapRequestWriter;
import dev.polygate.translators.soap.xml.SoapResponseReader;
import dev.polygate.translators.soap.xml.SoapResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Declared SOAP headers in envelopes: written into soap:Header from the request, read from the answer's. */
class SoapHeadersXmlTest {
    private static final String ENVELOPE = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">";
    private static SoapApi api;
    private static OperationBinding lookup;

    @BeforeAll
    static void build() throws Exception {
        api = DeskContract.api("");
        lookup = DeskContract.operation(api, "Lookup");
    }

    private static String envelope(String json, List<HeaderBlock> blocks) {
        return new String(SoapRequestWriter.write(SoapVersion.SOAP_11, lookup.inputShape(),
                DeskContract.request(lookup, json), blocks), StandardCharsets.UTF_8);
    }

    @Test
    void headerPartsGoIntoTheHeaderQualifiedAsTheSchemaSaysAndNotIntoTheBody() {
        String xml = envelope("{\"id\":\"7\",\"header\":{\"Trace\":\"t-1\",\"Count\":3,"
                + "\"Session\":{\"user\":\"ada\",\"token\":\"k\"},\"Audit\":{\"who\":\"bob\"}}}", List.of());
        assertThat(xml).contains(ENVELOPE + "<soap:Header>"
                + "<ns1:Trace xmlns:ns1=\"urn:desk\">t-1</ns1:Trace>"
                + "<ns1:Count xmlns:ns1=\"urn:desk\">3</ns1:Count>"
                + "<ns1:Session xmlns:ns1=\"urn:desk\"><ns1:user>ada</ns1:user><ns1:token>k</ns1:token></ns1:Session>"
                // urn:audit is unqualified: its local elements have no namespace
                + "<ns1:Audit xmlns:ns1=\"urn:audit\"><who>bob</who></ns1:Audit>"
                + "</soap:Header><soap:Body><ns1:Lookup xmlns:ns1=\"urn:desk\"><ns1:id>7</ns1:id></ns1:Lookup></soap:Body>");
    }

    @Test
    void onlyTheHeadersGivenAreWrittenAndNoneMeansNoHeaderElement() {
        assertThat(envelope("{\"id\":\"7\",\"header\":{\"Trace\":\"t-1\"}}", List.of()))
                .contains("<soap:Header><ns1:Trace xmlns:ns1=\"urn:desk\">t-1</ns1:Trace></soap:Header>");
        assertThat(envelope("{\"id\":\"7\",\"header\":{}}", List.of())).doesNotContain("Header");
        assertThat(envelope("{\"id\":\"7\"}", List.of())).doesNotContain("Header");
    }

    @Test
    void otherHeaderBlocksComeFirst() {
        assertThat(envelope("{\"id\":\"7\",\"header\":{\"Trace\":\"t-1\"}}",
                List.of(HeaderBlock.text(new QName("urn:s", "SessionId"), "s-1"))))
                .contains("<soap:Header><ns1:SessionId xmlns:ns1=\"urn:s\">s-1</ns1:SessionId>"
                        + "<ns1:Trace xmlns:ns1=\"urn:desk\">t-1</ns1:Trace></soap:Header>");
    }

    @Test
    void valuesAreEscaped() {
        assertThat(envelope("{\"id\":\"7\",\"header\":{\"Trace\":\"a<b&c\\\"d\"}}", List.of()))
                .contains(">a&lt;b&amp;c\"d</ns1:Trace>");
        assertThat(HeaderBlock.text(new QName("", "note"), "</note><evil/>").rawXml())
                .isEqualTo("<note>&lt;/note>&lt;evil/></note>"); // '>' needs no escape in text
    }

    @Test
    void charactersXmlCannotCarryAreRefusedNotWritten() {
        // the JSON codec already refuses them, naming the field; the writer is the last guard
        assertThatThrownBy(() -> envelope("{\"id\":\"7\",\"header\":{\"Trace\":\"a\\u0001b\"}}", List.of()))
                .isInstanceOf(GatewayException.class).hasMessageContaining("header.Trace").hasMessageContaining("U+0001");
        assertThatThrownBy(() -> envelope("{\"id\":\"a\\uFFFEb\"}", List.of()))
                .isInstanceOf(GatewayException.class).hasMessageContaining("U+FFFE");
        assertThatThrownBy(() -> HeaderBlock.text(new QName("urn:s", "SessionId"), "\u001b[0m"))
                .isInstanceOf(IllegalXmlCharacterException.class);
        // the characters XML does allow, outside the Basic Multilingual Plane too, pass
        assertThat(envelope("{\"id\":\"\\t\\uD83D\\uDE00\"}", List.of())).contains("<ns1:id>\t\uD83D\uDE00</ns1:id>");
    }

    @Test
    void declaredResponseHeadersAreReadAndUnknownOnesIgnored() throws Exception {
        String answer = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Header>"
                + "<x:Other xmlns:x=\"urn:x\" s:mustUnderstand=\"0\">1</x:Other>"
                + "<d:Served xmlns:d=\"urn:desk\">by-2</d:Served></s:Header>"
                + "<s:Body><d:LookupResponse xmlns:d=\"urn:desk\"><d:name>Ada</d:name></d:LookupResponse></s:Body>"
                + "</s:Envelope>";
        SoapResult.Output output = read(answer);
        assertThat(DeskContract.JSON.print(output.message())).isEqualTo("{\"name\":\"Ada\",\"header\":{\"Served\":\"by-2\"}}");
        assertThat(output.headerXml()).singleElement().asString().contains("Other");
    }

    @Test
    void anAnswerWithoutItsDeclaredHeadersHasNoHeaderObject() throws Exception {
        SoapResult.Output output = read("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<d:LookupResponse xmlns:d=\"urn:desk\"><d:name>Ada</d:name></d:LookupResponse></s:Body></s:Envelope>");
        assertThat(DeskContract.JSON.print(output.message())).isEqualTo("{\"name\":\"Ada\"}");
    }

    private static SoapResult.Output read(String answer) throws Exception {
        SoapResult result = SoapResponseReader.read(answer.getBytes(StandardCharsets.UTF_8), 200, "text/xml",
                SoapVersion.SOAP_11, lookup.outputShape(), lookup.outputType(), lookup.faultDetails());
        assertThat(result).isInstanceOf(SoapResult.Output.class);
        return (SoapResult.Output) result;
    }
}
