package dev.polygate.translators.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Empty;
import com.google.protobuf.TypeRegistry;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.translators.model.rest.ErrorRenderer;
import dev.polygate.translators.model.transcoding.TranscodingOptions;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import dev.polygate.translators.soap.json.XmlJsonCodec;
import dev.polygate.translators.soap.wsdl.SoapVersion;
import dev.polygate.translators.soap.xml.BodyShape;
import dev.polygate.translators.soap.xml.HeaderBlock;
import dev.polygate.translators.soap.xml.SoapFault;
import dev.polygate.translators.soap.xml.SoapResponseReader;
import dev.polygate.translators.soap.xml.SoapResult;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;

/**
 * Which UsernameToken a call carries and who is blamed when the backend refuses it. The faults are those CXF
 * with WSS4J answers to a wrong password (HTTP 500 for both SOAP versions), byte for byte.
 */
class WsSecurityTest {
    private static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    private static final String CXF_SOAP11_REFUSAL =
            "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
            + "<faultcode xmlns:ns1=\"" + WSSE + "\">ns1:FailedAuthentication</faultcode>"
            + "<faultstring>The security token could not be authenticated or authorized</faultstring>"
            + "</soap:Fault></soap:Body></soap:Envelope>";
    private static final String CXF_SOAP12_REFUSAL =
            "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body><soap:Fault>"
            + "<soap:Code><soap:Value>soap:Sender</soap:Value><soap:Subcode>"
            + "<soap:Value xmlns:ns1=\"" + WSSE + "\">ns1:FailedAuthentication</soap:Value></soap:Subcode></soap:Code>"
            + "<soap:Reason><soap:Text xml:lang=\"en\">The security token could not be authenticated or authorized"
            + "</soap:Text></soap:Reason></soap:Fault></soap:Body></soap:Envelope>";

    private final WsSecurity caller = WsSecurity.of(
            new WsSecurityConfig(WsSecurityConfig.Credentials.CALLER, null, null, false), "Secure \"Calculator\"");
    private final WsSecurity config = WsSecurity.of(
            new WsSecurityConfig(WsSecurityConfig.Credentials.CONFIG, "gateway", "s3cret", true), "SecureCalculator");
    private final SoapErrors errors = new SoapErrors(TypeRegistry.getEmptyTypeRegistry(),
            new XmlJsonCodec(TranscodingOptions.defaults()), 502);

    @Test
    void callerCredentialsBecomeThePasswordTextToken() {
        List<HeaderBlock> headers = caller.headers(request("Basic " + base64("bob:correct horse battery staple")));
        assertThat(headers).singleElement().satisfies(header -> {
            assertThat(header.element()).isEqualTo(new QName(WSSE, "Security"));
            assertThat(header.mustUnderstand()).isTrue();
            assertThat(header.rawXml()).contains("<wsse:Username>bob</wsse:Username>",
                    "#PasswordText\">correct horse battery staple</wsse:Password>");
        });
    }

    @Test
    void configCredentialsIgnoreTheCallersHeader() {
        List<HeaderBlock> headers = config.headers(request("Basic " + base64("bob:guess")));
        assertThat(headers).singleElement().satisfies(header -> assertThat(header.rawXml())
                .contains("<wsse:Username>gateway</wsse:Username>", "#PasswordDigest\"", "<wsse:Nonce", "<wsu:Created>")
                .doesNotContain("s3cret", "bob"));
        assertThat(config.headers(new DefaultHttpHeaders())).hasSize(1);
        assertThat(WsSecurity.NONE.headers(request("Basic " + base64("bob:guess")))).isEmpty();
    }

    @Test
    void withoutUsableCallerCredentialsTheCallIsUnauthenticatedWithAChallenge() {
        assertThatThrownBy(() -> caller.headers(new DefaultHttpHeaders()))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED));
        assertThatThrownBy(() -> caller.headers(request("Bearer abc"))).isInstanceOf(GatewayException.class);
        GrpcStatus refused = SoapErrors.status(new GatewayException(ErrorKind.UNAUTHENTICATED, "no credentials"));
        assertThat(caller.headersOf(refused).get("www-authenticate"))
                .isEqualTo("Basic realm=\"Secure \\\"Calculator\\\"\", charset=\"UTF-8\"");
        assertThat(errors.render(refused, 500).httpStatus()).isEqualTo(401);
        assertThat(caller.headersOf(GrpcStatus.OK).isEmpty()).isTrue();
        assertThat(config.headersOf(refused).isEmpty()).isTrue();
    }

    @Test
    void aSoap11RefusalOfTheCallersCredentialsIsA401KeepingTheFault() {
        GrpcStatus status = caller.status(fault(CXF_SOAP11_REFUSAL, SoapVersion.SOAP_11));
        assertThat(status.code()).isEqualTo(GrpcStatusCode.UNAUTHENTICATED);
        assertThat(caller.headersOf(status).get("www-authenticate")).startsWith("Basic realm=");
        ErrorRenderer.Rendered rendered = errors.render(status, 500);
        assertThat(rendered.httpStatus()).isEqualTo(401);
        assertThat(new String(rendered.body(), StandardCharsets.UTF_8)).contains("\"status\":401",
                "\"code\":\"SOAP_FAULT\"", "\"faultcode\":\"FailedAuthentication\"",
                "\"reason\":\"The security token could not be authenticated or authorized\"");
    }

    @Test
    void aSoap12RefusalIsRecognisedByItsSubcode() {
        SoapFault fault = fault(CXF_SOAP12_REFUSAL, SoapVersion.SOAP_12);
        assertThat(fault.subcodes()).containsExactly(new QName(WSSE, "FailedAuthentication"));
        GrpcStatus status = caller.status(fault);
        assertThat(status.code()).isEqualTo(GrpcStatusCode.UNAUTHENTICATED);
        assertThat(new String(errors.render(status, 500).body(), StandardCharsets.UTF_8))
                .contains("\"status\":401", "\"faultcode\":\"Sender\"", "\"subcodes\":[\"FailedAuthentication\"]");
    }

    @Test
    void withConfigCredentialsARefusalIsTheGatewaysMisconfiguration() {
        for (SoapFault fault : List.of(fault(CXF_SOAP11_REFUSAL, SoapVersion.SOAP_11),
                fault(CXF_SOAP12_REFUSAL, SoapVersion.SOAP_12))) {
            GrpcStatus status = config.status(fault);
            // a Sender fault on SOAP 1.2, yet not the caller's doing: the token is the gateway's
            assertThat(status.code()).as(fault.toString()).isEqualTo(GrpcStatusCode.INTERNAL);
            assertThat(errors.render(status, 500).httpStatus()).isEqualTo(502);
            assertThat(config.headersOf(status).isEmpty()).isTrue();
        }
    }

    @Test
    void everyTokenFailureCountsAndOtherFaultsKeepTheirStatus() {
        for (String code : List.of("FailedAuthentication", "InvalidSecurityToken", "InvalidSecurity", "FailedCheck",
                "SecurityTokenUnavailable")) {
            assertThat(caller.status(soap11(new QName(WSSE, code))).code()).as(code)
                    .isEqualTo(GrpcStatusCode.UNAUTHENTICATED);
        }
        // an expired message is the gateway's clock, not the caller's password
        assertThat(caller.status(soap11(new QName(WSSE, "MessageExpired"))).code()).isEqualTo(GrpcStatusCode.INTERNAL);
        assertThat(caller.status(soap11(new QName("urn:other", "FailedAuthentication"))).code())
                .isEqualTo(GrpcStatusCode.INTERNAL);
        assertThat(caller.status(soap11(new QName("http://schemas.xmlsoap.org/soap/envelope/", "Client"))).code())
                .isEqualTo(GrpcStatusCode.INVALID_ARGUMENT);
        assertThat(WsSecurity.NONE.status(soap11(new QName(WSSE, "FailedAuthentication"))).code())
                .isEqualTo(GrpcStatusCode.INTERNAL);
    }

    private static SoapFault fault(String envelope, SoapVersion version) {
        try {
            SoapResult result = SoapResponseReader.read(envelope.getBytes(StandardCharsets.UTF_8), 500,
                    version.mediaType(), version, new BodyShape.Element(new QName("urn:x", "AddResponse")),
                    Empty.getDescriptor(), Map.of());
            return ((SoapResult.Fault) result).fault();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static SoapFault soap11(QName code) {
        return new SoapFault(SoapVersion.SOAP_11, code, List.of(), "refused", null, null, null, null, null, null);
    }

    private static HttpHeaders request(String authorization) {
        return new DefaultHttpHeaders().set("authorization", authorization);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
