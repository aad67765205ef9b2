package dev.polygate.translators.soap.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Empty;
import dev.polygate.translators.soap.wsdl.SoapVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;

/**
 * What backends answer to a one-way request: an acknowledgement (2xx, empty or an envelope without a Fault) is the
 * empty message; a Fault is a Fault whatever the status; anything else is not a SOAP answer.
 */
class OneWayAnswersTest {
    private static final String S11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String S12 = "http://www.w3.org/2003/05/soap-envelope";
    private static final Map<QName, Descriptor> NO_FAULTS = Map.of();

    private static SoapResult read(String body, int status, String contentType, SoapVersion version) throws Exception {
        return SoapResponseReader.read(body.getBytes(StandardCharsets.UTF_8), status, contentType, version,
                new BodyShape.NoMessage(), Empty.getDescriptor(), NO_FAULTS);
    }

    private static void assertAcknowledged(SoapResult result) {
        assertThat(result).isInstanceOfSatisfying(SoapResult.Output.class, output -> {
            assertThat(output.message()).isEqualTo(DynamicMessage.getDefaultInstance(Empty.getDescriptor()));
            assertThat(output.message().getDescriptorForType()).isEqualTo(Empty.getDescriptor());
        });
    }

    @Test
    void accepted202WithAnEmptyBody() throws Exception {
        assertAcknowledged(read("", 202, null, SoapVersion.SOAP_11));
        assertAcknowledged(read("", 202, "text/xml; charset=utf-8", SoapVersion.SOAP_12));
    }

    @Test
    void ok200WithAnEmptyBody() throws Exception {
        assertAcknowledged(read("", 200, null, SoapVersion.SOAP_11));
        assertAcknowledged(SoapResponseReader.read(null, 204, null, SoapVersion.SOAP_11, new BodyShape.NoMessage(),
                Empty.getDescriptor(), NO_FAULTS));
    }

    @Test
    void ok200WithAnEmptyEnvelopeOfEitherVersion() throws Exception {
        assertAcknowledged(read("<s:Envelope xmlns:s=\"" + S11 + "\"><s:Body/></s:Envelope>", 200, "text/xml",
                SoapVersion.SOAP_11));
        assertAcknowledged(read("<?xml version=\"1.0\"?><e:Envelope xmlns:e=\"" + S12 + "\"><e:Header>"
                + "<h:trace xmlns:h=\"urn:h\">1</h:trace></e:Header><e:Body></e:Body></e:Envelope>", 200,
                "application/soap+xml", SoapVersion.SOAP_12));
    }

    @Test
    void whatABodyHoldsBesidesAFaultIsIgnored() throws Exception {
        SoapResult result = read("<s:Envelope xmlns:s=\"" + S11 + "\"><s:Body><r:ResetResponse xmlns:r=\"urn:r\">"
                + "<r:done>true</r:done></r:ResetResponse></s:Body></s:Envelope>", 200, "text/xml", SoapVersion.SOAP_11);
        assertAcknowledged(result);
    }

    @Test
    void aFaultIsAFaultWithAnyStatus() throws Exception {
        for (int status : List.of(500, 200, 202)) {
            SoapResult result = read("<s:Envelope xmlns:s=\"" + S11 + "\"><s:Body><s:Fault><faultcode>s:Client</faultcode>"
                    + "<faultstring>no such sensor</faultstring></s:Fault></s:Body></s:Envelope>", status, "text/xml",
                    SoapVersion.SOAP_11);
            assertThat(result).as("HTTP " + status).isInstanceOfSatisfying(SoapResult.Fault.class, fault -> {
                assertThat(fault.fault().reason()).isEqualTo("no such sensor");
                assertThat(fault.fault().isClientFault()).isTrue();
            });
        }
        SoapResult receiver = read("<e:Envelope xmlns:e=\"" + S12 + "\"><e:Body><e:Fault><e:Code><e:Value>e:Receiver"
                + "</e:Value></e:Code><e:Reason><e:Text xml:lang=\"en\">queue full</e:Text></e:Reason></e:Fault></e:Body>"
                + "</e:Envelope>", 500, "application/soap+xml", SoapVersion.SOAP_12);
        assertThat(((SoapResult.Fault) receiver).fault().reason()).isEqualTo("queue full");
    }

    @Test
    void anHtmlErrorPageIsNoAnswerWhateverItsStatus() {
        for (int status : List.of(500, 200)) {
            assertThatThrownBy(() -> read("<html><body><h1>Service Unavailable</h1></body></html>", status, "text/html",
                    SoapVersion.SOAP_11)).as("HTTP " + status).isInstanceOf(SoapProtocolException.class)
                    .hasMessageContaining("HTTP " + status).hasMessageContaining("not a SOAP envelope");
        }
    }

    @Test
    void anErrorStatusWithoutAFaultIsNoAnswer() {
        assertThatThrownBy(() -> read("", 500, null, SoapVersion.SOAP_11)).isInstanceOf(SoapProtocolException.class)
                .hasMessageContaining("HTTP 500").hasMessageContaining("empty body");
        assertThatThrownBy(() -> read("", 404, "text/plain", SoapVersion.SOAP_11)).isInstanceOf(SoapProtocolException.class)
                .hasMessageContaining("HTTP 404");
        assertThatThrownBy(() -> read("<s:Envelope xmlns:s=\"" + S11 + "\"><s:Body/></s:Envelope>", 503, "text/xml",
                SoapVersion.SOAP_11)).isInstanceOf(SoapProtocolException.class).hasMessageContaining("HTTP 503")
                .hasMessageContaining("without a Fault");
    }

    @Test
    void aSuccessStatusWithSomethingElseThanAnEnvelopeIsNoAnswer() {
        assertThatThrownBy(() -> read("OK", 200, "text/plain", SoapVersion.SOAP_11)).isInstanceOf(SoapProtocolException.class)
                .hasMessageContaining("HTTP 200");
        assertThatThrownBy(() -> read("<ack/>", 202, "application/xml", SoapVersion.SOAP_11))
                .isInstanceOf(SoapProtocolException.class).hasMessageContaining("root element ack");
        assertThatThrownBy(() -> read("<e:Envelope xmlns:e=\"" + S12 + "\"><e:Body/></e:Envelope>", 200, "text/xml",
                SoapVersion.SOAP_11)).isInstanceOf(SoapProtocolException.class)
                .hasMessageContaining("SOAP 1.2 envelope where SOAP 1.1 was expected");
        assertThatThrownBy(() -> read("<s:Envelope xmlns:s=\"" + S11 + "\"/>", 200, "text/xml", SoapVersion.SOAP_11))
                .isInstanceOf(SoapProtocolException.class).hasMessageContaining("without a Body");
    }
}
