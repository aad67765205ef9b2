package dev.polygate.wsdl.testservices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.wsdl.SoapClient;
import dev.polygate.wsdl.SoapServices;
import dev.polygate.wsdl.XmlResponse;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The SOAP 1.2 binding: envelope, content type, fault codes and the HTTP statuses JAX-WS gives them. */
@Timeout(60)
class TelemetryServiceTest {

    private static final String NS = "http://polygate.dev/test/telemetry";

    private static SoapServices services;
    private static URI telemetry;

    @BeforeAll
    static void start() {
        services = SoapServices.start();
        telemetry = services.endpoint(SoapServices.TELEMETRY);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    private static String record(String sensor) {
        return record(sensor, "21.5");
    }

    private static String record(String sensor, String value) {
        return "<m:Record xmlns:m=\"" + NS + "\"><m:reading><m:sensor>" + sensor + "</m:sensor>"
                + "<m:sequence>9223372036854775806</m:sequence><m:value>" + value + "</m:value>"
                + "<m:at>2025-12-31T23:59:59.999Z</m:at></m:reading></m:Record>";
    }

    @Test
    void answersInASoap12EnvelopeWithTheSoap12ContentType() {
        XmlResponse response = SoapClient.soap12(telemetry, NS + "/Record", record("t-1"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/soap+xml");
        assertThat(response.text("/s12:Envelope/s12:Body/m:RecordResponse/m:ack/m:sequence"))
                .isEqualTo("9223372036854775806");
        assertThat(response.text("//m:ack/m:at")).isEqualTo("2025-12-31T23:59:59.999Z");
    }

    @Test
    void aDeclaredFaultIsAReceiverFaultWithDetailAndHttp500() {
        XmlResponse response = SoapClient.soap12(telemetry, NS + "/Record", record("x-9"));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.contentType()).startsWith("application/soap+xml");
        assertThat(response.text("substring-after(//s12:Fault/s12:Code/s12:Value, ':')")).isEqualTo("Receiver");
        assertThat(response.text("//s12:Fault/s12:Reason/s12:Text")).isEqualTo("unknown sensor x-9");
        assertThat(response.text("//s12:Fault/s12:Reason/s12:Text/@xml:lang")).isEqualTo("en");
        assertThat(response.text("//s12:Fault/s12:Detail/m:UnknownSensor/m:sensor")).isEqualTo("x-9");
        assertThat(response.text("//s12:Fault/s12:Detail/m:UnknownSensor/m:code")).isEqualTo("404");
    }

    @Test
    void aReadingBelowAbsoluteZeroIsASenderFaultWithSubcodesNodeRoleAndDetail() {
        XmlResponse response = SoapClient.soap12(telemetry, NS + "/Record", record("t-1", "-300.5"));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.text("substring-after(//s12:Fault/s12:Code/s12:Value, ':')")).isEqualTo("Sender");
        assertThat(response.text("substring-after(//s12:Code/s12:Subcode/s12:Value, ':')")).isEqualTo("InvalidReading");
        assertThat(response.text("substring-after(//s12:Code/s12:Subcode/s12:Subcode/s12:Value, ':')"))
                .isEqualTo("BelowAbsoluteZero");
        assertThat(response.count("//s12:Subcode/s12:Value[namespace::*[. = '" + NS + "']]")).isEqualTo(2);
        assertThat(response.text("//s12:Fault/s12:Reason/s12:Text"))
                .isEqualTo("reading -300.5 of t-1 is below absolute zero");
        assertThat(response.text("//s12:Fault/s12:Node")).isEqualTo("urn:polygate:test:telemetry:validator");
        assertThat(response.text("//s12:Fault/s12:Role"))
                .isEqualTo("http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver");
        assertThat(response.text("//s12:Fault/s12:Detail/m:limits/m:minimum")).isEqualTo("-273.15");
        assertThat(response.text("//s12:Fault/s12:Detail/m:limits/m:received")).isEqualTo("-300.5");
    }

    @Test
    void anOfflineSensorIsAReceiverFaultWithASubcode() {
        XmlResponse response = SoapClient.soap12(telemetry, NS + "/Record", record("t-offline"));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.text("substring-after(//s12:Fault/s12:Code/s12:Value, ':')")).isEqualTo("Receiver");
        assertThat(response.text("substring-after(//s12:Code/s12:Subcode/s12:Value, ':')")).isEqualTo("SensorOffline");
        assertThat(response.text("//s12:Fault/s12:Reason/s12:Text")).isEqualTo("sensor t-offline does not answer");
        assertThat(response.count("//s12:Fault/s12:Detail")).isZero();
    }

    @Test
    void anUnknownOperationIsASenderFaultYetJaxWsAnswersHttp500() {
        // SOAP 1.2's HTTP binding asks for 400 on Sender faults; the JAX-WS RI sends 500 for every fault,
        // which a gateway has to expect from real backends.
        XmlResponse response = SoapClient.soap12(telemetry, NS + "/Nope", "<m:Nope xmlns:m=\"" + NS + "\"/>");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.text("substring-after(//s12:Fault/s12:Code/s12:Value, ':')")).isEqualTo("Sender");
    }

    @Test
    void aSoap11RequestIsRefusedAsAnUnsupportedMediaType() {
        XmlResponse response = SoapClient.soap11(telemetry, NS + "/Record", record("t-1"));

        assertThat(response.status()).isEqualTo(415);
    }

    @Test
    void theWsdlUsesTheSoap12Binding() {
        XmlResponse wsdl = SoapClient.get(services.wsdl(SoapServices.TELEMETRY));

        assertThat(wsdl.count("//wsdl:binding/*[namespace-uri()='http://schemas.xmlsoap.org/wsdl/soap12/'"
                + " and local-name()='binding']")).isEqualTo(1);
        assertThat(wsdl.count("//wsdl:port/*[namespace-uri()='http://schemas.xmlsoap.org/wsdl/soap12/'"
                + " and local-name()='address']")).isEqualTo(1);
        assertThat(wsdl.count("//wsdl:portType/wsdl:operation[@name='Record']/wsdl:fault")).isEqualTo(1);
    }
}
