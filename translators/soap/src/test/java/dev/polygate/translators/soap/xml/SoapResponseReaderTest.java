package dev.polygate.translators.soap.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Descriptors.Descriptor;
import dev.polygate.translators.soap.wsdl.SoapVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;

/** Answers, faults of both versions, and everything that is not a SOAP answer. */
class SoapResponseReaderTest {
    private static final String S11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String S12 = "http://www.w3.org/2003/05/soap-envelope";
    private static final QName ADD_RESPONSE = new QName(Schemas.SHOP, "AddResponse");
    private static final QName LINE_DETAIL = new QName(Schemas.SHOP, "Dog");

    private static SoapResult read(String body, int status, String contentType, SoapVersion version) throws Exception {
        Map<QName, Descriptor> faults = Map.of(LINE_DETAIL, Schemas.element("Dog"));
        return SoapResponseReader.read(body.getBytes(StandardCharsets.UTF_8), status, contentType, version,
                new BodyShape.Element(ADD_RESPONSE), Schemas.element("AddResponse"), faults);
    }

    private static SoapFault fault(String body, int status, SoapVersion version) throws Exception {
        SoapResult result = read(body, status, "text/xml", version);
        assertThat(result).isInstanceOf(SoapResult.Fault.class);
        return ((SoapResult.Fault) result).fault();
    }

    @Test
    void outputWithHeaders() throws Exception {
        SoapResult result = read("<s:Envelope xmlns:s=\"" + S11 + "\"><s:Header><h:t xmlns:h=\"urn:h\">1</h:t></s:Header>"
                + "<s:Body><r:AddResponse xmlns:r=\"urn:polygate:test:shop\"><r:AddResult>5</r:AddResult></r:AddResponse>"
                + "</s:Body></s:Envelope>", 200, "text/xml; charset=utf-8", SoapVersion.SOAP_11);
        SoapResult.Output output = (SoapResult.Output) result;
        assertThat(output.message().getAllFields().values()).containsExactly(5);
        assertThat(output.headerXml()).containsExactly("<h:t xmlns:h=\"urn:h\">1</h:t>");
    }

    @Test
    void soap11ClientFaultWithDeclaredDetailInAnHttp200() throws Exception {
        SoapFault fault = fault("<s:Envelope xmlns:s=\"" + S11 + "\"><s:Body><s:Fault>"
                + "<faultcode>s:Client.Validation</faultcode><faultstring>bad dog</faultstring><faultactor>urn:a</faultactor>"
                + "<detail><d:Dog xmlns:d=\"urn:polygate:test:shop\" legs=\"3\"><d:name>Rex</d:name><d:breed>pug</d:breed></d:Dog>"
                + "</detail></s:Fault></s:Body></s:Envelope>", 200, SoapVersion.SOAP_11);
        assertThat(fault.code()).isEqualTo(new QName(S11, "Client.Validation"));
        assertThat(fault.isClientFault()).isTrue();
        assertThat(fault.reason()).isEqualTo("bad dog");
        assertThat(fault.actor()).isEqualTo("urn:a");
        assertThat(fault.detailElement()).isEqualTo(LINE_DETAIL);
        assertThat(fault.detail().getField(fault.detail().getDescriptorForType().findFieldByName("breed"))).isEqualTo("pug");
        assertThat(fault.detailXml()).contains("<d:name>Rex</d:name>");
    }

    @Test
    void soap11ServerFaultWithUndeclaredDetail() throws Exception {
        SoapFault fault = fault("<s:Envelope xmlns:s=\"" + S11 + "\"><s:Body><s:Fault><faultcode>s:Server</faultcode>"
                + "<faultstring>boom</faultstring><detail><x:trace xmlns:x=\"urn:x\">at a</x:trace></detail></s:Fault>"
                + "</s:Body></s:Envelope>", 500, SoapVersion.SOAP_11);
        assertThat(fault.isClientFault()).isFalse();
        assertThat(fault.detail()).isNull();
        assertThat(fault.detailXml()).isEqualTo("<x:trace xmlns:x=\"urn:x\">at a</x:trace>");
    }

    @Test
    void soap12SenderWithSubcodesAndEnglishReason() throws Exception {
        SoapFault fault = fault("<e:Envelope xmlns:e=\"" + S12 + "\" xmlns:app=\"urn:app\"><e:Body><e:Fault>"
                + "<e:Code><e:Value>e:Sender</e:Value><e:Subcode><e:Value>app:Quota</e:Value>"
                + "<e:Subcode><e:Value>app:Daily</e:Value></e:Subcode></e:Subcode></e:Code>"
                + "<e:Reason><e:Text xml:lang=\"fr\">trop</e:Text><e:Text xml:lang=\"en\">too many</e:Text></e:Reason>"
                + "<e:Node>urn:node</e:Node><e:Role>urn:role</e:Role>"
                + "<e:Detail><d:Dog xmlns:d=\"urn:polygate:test:shop\"><d:name>A</d:name></d:Dog></e:Detail>"
                + "</e:Fault></e:Body></e:Envelope>", 400, SoapVersion.SOAP_12);
        assertThat(fault.code()).isEqualTo(new QName(S12, "Sender"));
        assertThat(fault.subcodes()).containsExactly(new QName("urn:app", "Quota"), new QName("urn:app", "Daily"));
        assertThat(fault.reason()).isEqualTo("too many");
        assertThat(fault.node()).isEqualTo("urn:node");
        assertThat(fault.role()).isEqualTo("urn:role");
        assertThat(fault.isClientFault()).isTrue();
        assertThat(fault.detail()).isNotNull();
    }

    @Test
    void htmlErrorPage() {
        assertThatThrownBy(() -> read("<!DOCTYPE html><html><body>Bad Gateway</body></html>", 500, "text/html", SoapVersion.SOAP_11))
                .isInstanceOf(SoapProtocolException.class).hasMessageContaining("HTTP 500").hasMessageContaining("text/html")
                .hasMessageContaining("not a SOAP envelope");
    }

    @Test
    void anErrorPageIsQuotedForTheLogOnly() {
        // an application server's page may name internal hosts, versions and exceptions: the client reads none
        String page = "<p>ConnectException db.internal:5432</p>";
        SoapProtocolException refused = catchThrowableOfType(() -> read(page, 500, "text/html", SoapVersion.SOAP_11),
                SoapProtocolException.class);
        assertThat(refused.getMessage()).isEqualTo("the backend answered HTTP 500 with content type text/html, "
                + "not a SOAP envelope");
        assertThat(refused.logDetail()).contains("db.internal:5432").contains("ConnectException");
    }

    @Test
    void emptyBody() {
        assertThatThrownBy(() -> read("", 500, null, SoapVersion.SOAP_11)).isInstanceOf(SoapProtocolException.class)
                .hasMessageContaining("HTTP 500").hasMessageContaining("empty body");
    }

    @Test
    void notSoapXmlAndNotXml() {
        assertThatThrownBy(() -> read("<status>ok</status>", 200, "application/xml", SoapVersion.SOAP_11))
                .isInstanceOf(SoapProtocolException.class).hasMessageContaining("root element status")
                .hasMessageContaining("application/xml");
        assertThatThrownBy(() -> read("{\"error\":1}", 502, "application/json", SoapVersion.SOAP_11))
                .isInstanceOf(SoapProtocolException.class).hasMessageContaining("HTTP 502");
    }

    @Test
    void wrongEnvelopeVersion() {
        assertThatThrownBy(() -> read("<e:Envelope xmlns:e=\"" + S12 + "\"><e:Body/></e:Envelope>", 200, "text/xml", SoapVersion.SOAP_11))
                .isInstanceOf(SoapProtocolException.class).hasMessageContaining("SOAP 1.2 envelope where SOAP 1.1 was expected");
    }

    @Test
    void missingOutputElement() {
        assertThatThrownBy(() -> read("<s:Envelope xmlns:s=\"" + S11 + "\"><s:Body><x/></s:Body></s:Envelope>", 200, "text/xml",
                SoapVersion.SOAP_11)).isInstanceOf(SoapProtocolException.class).hasMessageContaining("AddResponse");
    }
}
