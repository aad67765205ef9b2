package dev.polygate.translators.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.translators.soap.xml.HeaderBlock;
import dev.polygate.translators.soap.xml.SoapRequestWriter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** soapHeaders: HTTP request headers that give SOAP headers their text, checked against the WSDL at start-up. */
class HeadersFromHttpTest {
    private static SoapApi api;

    @BeforeAll
    static void build() throws Exception {
        api = DeskContract.api("""
                soapHeaders:
                  X-Trace: Trace
                  x-count: count
                  X-Session-Id: "{urn:example:session}SessionId"
                """);
    }

    /** The envelope an operation's call sends for a JSON body and the client's HTTP headers. */
    private static String envelope(String operation, String json, HttpHeaders http) {
        OperationBinding binding = DeskContract.operation(api, operation);
        HeadersFromHttp headers = binding.headersFromHttp();
        HeadersFromHttp.Request request = headers.apply(DeskContract.request(binding, json), headers.values(http),
                List.of());
        return new String(SoapRequestWriter.write(binding.version(), binding.inputShape(), request.input(),
                request.headers()), StandardCharsets.UTF_8);
    }

    private static HttpHeaders http(String... namesAndValues) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    @Test
    void declaredPartsByElementOrPartNameAndAnyElementByQName() {
        String xml = envelope("Lookup", "{\"id\":\"7\"}", http("x-trace", "t-1", "X-COUNT", "42",
                "x-session-id", "s<1>"));
        assertThat(xml).contains("<soap:Header><ns1:SessionId xmlns:ns1=\"urn:example:session\">s&lt;1></ns1:SessionId>"
                + "<ns1:Trace xmlns:ns1=\"urn:desk\">t-1</ns1:Trace><ns1:Count xmlns:ns1=\"urn:desk\">42</ns1:Count>"
                + "</soap:Header>");
    }

    @Test
    void theHttpHeaderWinsOverTheJsonHeaderObject() {
        String xml = envelope("Lookup", "{\"id\":\"7\",\"header\":{\"Trace\":\"from-json\",\"Count\":1}}",
                http("X-Trace", "from-http"));
        assertThat(xml).contains("<ns1:Trace xmlns:ns1=\"urn:desk\">from-http</ns1:Trace>")
                .contains("<ns1:Count xmlns:ns1=\"urn:desk\">1</ns1:Count>").doesNotContain("from-json");
    }

    @Test
    void aHeaderTheClientDoesNotSendIsNotWritten() {
        assertThat(envelope("Lookup", "{\"id\":\"7\"}", http())).doesNotContain("Header");
    }

    @Test
    void anOperationThatDoesNotDeclareAPartGetsOnlyTheQualifiedOnes() {
        String xml = envelope("Plain", "{\"id\":\"7\"}", http("X-Trace", "t-1", "X-Session-Id", "s-1"));
        assertThat(xml).contains("<soap:Header><ns1:SessionId xmlns:ns1=\"urn:example:session\">s-1</ns1:SessionId>"
                + "</soap:Header>").doesNotContain("Trace");
    }

    @Test
    void severalLinesOfOneHeaderAreOneValue() {
        assertThat(envelope("Echo", "{\"header\":\"h\"}", http("X-Trace", "a", "x-trace", "b")))
                .contains(">a, b</ns1:Trace>");
    }

    @Test
    void aValueThatIsNotOfThePartsTypeIsABadRequest() {
        assertThatThrownBy(() -> envelope("Lookup", "{\"id\":\"7\"}", http("X-Count", "many")))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
                    assertThat(e.detail()).startsWith("header x-count: ").contains("many");
                });
    }

    @Test
    void aNameNoOperationDeclaresIsRefusedAtStartUp() {
        ConfigException.Problem problem = refusal("{ X-Trace: Tracking, X-Ok: Trace }");
        assertThat(problem.path()).isEqualTo("soapHeaders.X-Trace");
        assertThat(problem.message()).contains("'Tracking'").contains("{namespace}local");
    }

    @Test
    void aDeclaredPartWithComplexContentIsRefusedAtStartUp() {
        ConfigException.Problem problem = refusal("{ X-Session: session }");
        assertThat(problem.path()).isEqualTo("soapHeaders.X-Session");
        assertThat(problem.message()).contains("'session'").contains("complex content");
        // the same by QName: a declared element is a declared part
        assertThat(refusal("{ X-Session: \"{urn:desk}Session\" }").message()).contains("complex content");
    }

    /** The one problem a soapHeaders section is refused for. */
    private static ConfigException.Problem refusal(String soapHeaders) {
        ConfigException refused = catchThrowableOfType(ConfigException.class,
                () -> DeskContract.api("soapHeaders: " + soapHeaders + "\n"));
        assertThat(refused).as(soapHeaders).isNotNull();
        assertThat(refused.problems()).hasSize(1);
        return refused.problems().get(0);
    }

    @Test
    void aQualifiedNameNeedsNoDeclaration() throws Exception {
        SoapApi qualified = DeskContract.api("soapHeaders: { X-Any: \"{urn:any}Anything\" }\n");
        HeadersFromHttp plain = DeskContract.operation(qualified, "Plain").headersFromHttp();
        HeadersFromHttp.Request request = plain.apply(DeskContract.request(DeskContract.operation(qualified, "Plain"),
                "{\"id\":\"1\"}"), plain.values(http("x-any", "v")), List.of());
        assertThat(request.headers()).extracting(HeaderBlock::element).containsExactly(new QName("urn:any", "Anything"));
    }
}
