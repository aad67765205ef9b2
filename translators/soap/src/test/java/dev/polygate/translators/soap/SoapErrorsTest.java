package dev.polygate.translators.soap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.TypeRegistry;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.translators.model.rest.ErrorRenderer;
import dev.polygate.translators.model.transcoding.TranscodingOptions;
import dev.polygate.translators.soap.json.XmlJsonCodec;
import dev.polygate.translators.soap.wsdl.SoapVersion;
import dev.polygate.translators.soap.xml.SoapFault;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;

/** How a soap route answers errors: problem+json, with the HTTP status decided by the kind of fault or error. */
class SoapErrorsTest {
    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    private final SoapErrors errors = new SoapErrors(TypeRegistry.getEmptyTypeRegistry(),
            new XmlJsonCodec(TranscodingOptions.defaults()), 502);

    @Test
    void aClientFaultIsTheCallersMistake() {
        ErrorRenderer.Rendered rendered = render(fault(SoapVersion.SOAP_11, new QName(SOAP11, "Client"), List.of(),
                "intA is not a number"));
        assertThat(rendered.httpStatus()).isEqualTo(400);
        assertThat(rendered.contentType()).isEqualTo("application/problem+json");
        assertThat(body(rendered)).contains("\"title\":\"SOAP Fault\"", "\"status\":400", "\"code\":\"SOAP_FAULT\"",
                "\"faultcode\":\"Client\"", "\"reason\":\"intA is not a number\"",
                "\"detail\":\"intA is not a number\"");
    }

    @Test
    void aSenderFaultWithSubcodesIsA400Too() {
        ErrorRenderer.Rendered rendered = render(fault(SoapVersion.SOAP_12, new QName(SOAP12, "Sender"),
                List.of(new QName("urn:app", "BadInput"), new QName("urn:app", "TooLong")), "name too long"));
        assertThat(rendered.httpStatus()).isEqualTo(400);
        assertThat(body(rendered)).contains("\"faultcode\":\"Sender\"", "\"subcodes\":[\"BadInput\",\"TooLong\"]",
                "\"node\":\"urn:node\"", "\"role\":\"urn:role\"");
    }

    @Test
    void aServerFaultTakesTheConfiguredStatus() {
        SoapFault server = fault(SoapVersion.SOAP_11, new QName(SOAP11, "Server"), List.of(), "database down");
        assertThat(render(server).httpStatus()).isEqualTo(502);
        SoapErrors configured = new SoapErrors(TypeRegistry.getEmptyTypeRegistry(),
                new XmlJsonCodec(TranscodingOptions.defaults()), 500);
        assertThat(configured.render(FaultStatus.of(server), 500).httpStatus()).isEqualTo(500);
    }

    @Test
    void theGatewaysOwnErrorsKeepTheStatusOfTheirKind() {
        ErrorRenderer.Rendered timeout = errors.render(SoapErrors.status(
                new GatewayException(ErrorKind.UPSTREAM_TIMEOUT, "no answer within 2s")), 500);
        assertThat(timeout.httpStatus()).isEqualTo(504);
        assertThat(body(timeout)).contains("\"status\":504", "\"detail\":\"no answer within 2s\"")
                .doesNotContain("SOAP_FAULT");
        assertThat(errors.render(SoapErrors.status(new GatewayException(ErrorKind.UPSTREAM_PROTOCOL,
                "the answer is an HTML page")), 500).httpStatus()).isEqualTo(502);
    }

    private ErrorRenderer.Rendered render(SoapFault fault) {
        return errors.render(FaultStatus.of(fault), 500);
    }

    private static SoapFault fault(SoapVersion version, QName code, List<QName> subcodes, String reason) {
        boolean soap12 = version == SoapVersion.SOAP_12;
        return new SoapFault(version, code, subcodes, reason, soap12 ? null : "urn:actor", soap12 ? "urn:node" : null,
                soap12 ? "urn:role" : null, null, null, null);
    }

    private static String body(ErrorRenderer.Rendered rendered) {
        return new String(rendered.body(), StandardCharsets.UTF_8);
    }
}
