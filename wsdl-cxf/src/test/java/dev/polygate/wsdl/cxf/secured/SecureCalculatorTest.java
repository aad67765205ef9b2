package dev.polygate.wsdl.cxf.secured;

import static dev.polygate.wsdl.cxf.secured.SecureCalculatorService.OTHER_PASSWORD;
import static dev.polygate.wsdl.cxf.secured.SecureCalculatorService.OTHER_USER;
import static dev.polygate.wsdl.cxf.secured.SecureCalculatorService.PASSWORD;
import static dev.polygate.wsdl.cxf.secured.SecureCalculatorService.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.wsdl.cxf.CxfServices;
import dev.polygate.wsdl.cxf.SoapPost;
import dev.polygate.wsdl.cxf.SoapReply;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Element;

/** WSS4J, behind CXF, verifying UsernameTokens written by hand, and what it answers when it refuses one. */
@Timeout(60)
class SecureCalculatorTest {

    private static final String NS = SecureCalculator.NAMESPACE;
    private static final String FAULT = "/s11:Envelope/s11:Body/s11:Fault";

    private static CxfServices services;
    private static URI text;
    private static URI digest;

    @BeforeAll
    static void start() {
        services = CxfServices.start();
        text = services.endpoint(CxfServices.SECURE_TEXT);
        digest = services.endpoint(CxfServices.SECURE_DIGEST);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    private static SoapReply add(URI endpoint, String header, long a, long b) {
        return SoapPost.soap11(endpoint, NS + "/Add", header,
                "<s:Add xmlns:s=\"" + NS + "\"><a>" + a + "</a><b>" + b + "</b></s:Add>");
    }

    private static SoapReply whoAmI(URI endpoint, String header) {
        return SoapPost.soap11(endpoint, NS + "/WhoAmI", header, "<s:WhoAmI xmlns:s=\"" + NS + "\"/>");
    }

    /** The fault code as {namespace}local, its prefix resolved where it is written. */
    private static String faultCode(SoapReply reply) {
        Element code = (Element) reply.document().getElementsByTagNameNS("", "faultcode").item(0);
        assertThat(code).as("a SOAP 1.1 fault in:\n%s", reply.body()).isNotNull();
        String value = code.getTextContent().trim();
        int colon = value.indexOf(':');
        String prefix = colon < 0 ? null : value.substring(0, colon);
        return "{" + code.lookupNamespaceURI(prefix) + "}" + value.substring(colon + 1);
    }

    private static void assertRefused(SoapReply reply, String wsseCode) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(500);
        assertThat(reply.contentType()).startsWith("text/xml");
        assertThat(faultCode(reply)).isEqualTo("{" + UsernameTokenHeader.WSSE + "}" + wsseCode);
        assertThat(reply.body()).doesNotContain(PASSWORD);
    }

    @Test
    void passwordTextOfAKnownUserIsAccepted() {
        SoapReply reply = add(text, UsernameTokenHeader.text(USER, PASSWORD).xml(), 9_007_199_254_740_993L, 2);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.text("/s11:Envelope/s11:Body/sec:AddResponse/sum")).isEqualTo("9007199254740995");
        assertThat(whoAmI(text, UsernameTokenHeader.text(OTHER_USER, OTHER_PASSWORD).xml())
                .text("/s11:Envelope/s11:Body/sec:WhoAmIResponse/user")).isEqualTo(OTHER_USER);
    }

    @Test
    void passwordDigestOfAKnownUserIsAcceptedAndNamesTheUser() {
        SoapReply reply = whoAmI(digest, UsernameTokenHeader.digest(USER, PASSWORD).xml());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.text("/s11:Envelope/s11:Body/sec:WhoAmIResponse/user")).isEqualTo(USER);
    }

    @Test
    void aRequestWithoutSecurityHeaderIsRefused() {
        assertRefused(add(text, "", 1, 2), "InvalidSecurity");
        assertRefused(add(digest, "", 1, 2), "InvalidSecurity");
    }

    @Test
    void aWrongPasswordFailsAuthentication() {
        assertRefused(add(text, UsernameTokenHeader.text(USER, "guess").xml(), 1, 2), "FailedAuthentication");
        assertRefused(add(digest, UsernameTokenHeader.digest(USER, "guess").xml(), 1, 2), "FailedAuthentication");
    }

    @Test
    void anUnknownUserFailsAuthentication() {
        assertRefused(add(text, UsernameTokenHeader.text("mallory", PASSWORD).xml(), 1, 2), "FailedAuthentication");
        assertRefused(add(digest, UsernameTokenHeader.digest("mallory", PASSWORD).xml(), 1, 2),
                "FailedAuthentication");
    }

    @Test
    void eachPortAcceptsOnlyItsOwnPasswordType() {
        assertRefused(add(text, UsernameTokenHeader.digest(USER, PASSWORD).xml(), 1, 2), "FailedAuthentication");
        assertRefused(add(digest, UsernameTokenHeader.text(USER, PASSWORD).xml(), 1, 2), "FailedAuthentication");
    }

    @Test
    void aReplayedNonceIsRefused() {
        String header = UsernameTokenHeader.digest(USER, PASSWORD).xml();

        assertThat(add(digest, header, 1, 2).status()).isEqualTo(200);
        assertRefused(add(digest, header, 1, 2), "InvalidSecurity");
    }

    @Test
    void aDigestWithoutNonceAndCreatedIsRefused() {
        // a digest over the password alone would be replayable for ever
        assertRefused(add(digest, UsernameTokenHeader.digestWithoutNonceAndCreated(USER, PASSWORD).xml(), 1, 2),
                "InvalidSecurityToken");
    }

    @Test
    void aDigestCreatedLongAgoIsRefused() {
        String created = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        String nonce = "c2V2ZW50ZWVuIGJ5dGVzIQ==";
        assertRefused(add(digest, UsernameTokenHeader.digest(USER, PASSWORD, nonce, created).xml(), 1, 2),
                "MessageExpired");
    }

    @Test
    void onSoap12ARefusalIsASenderFaultWhoseSubcodeNamesTheReason() {
        URI soap12 = services.endpoint(CxfServices.SECURE_TEXT_SOAP12);
        String who = "<s:WhoAmI xmlns:s=\"" + NS + "\"/>";

        SoapReply accepted = SoapPost.soap12(soap12, NS + "/WhoAmI",
                UsernameTokenHeader.text(OTHER_USER, OTHER_PASSWORD).xml(), who);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.text("/s12:Envelope/s12:Body/sec:WhoAmIResponse/user")).isEqualTo(OTHER_USER);

        SoapReply refused = SoapPost.soap12(soap12, NS + "/WhoAmI", UsernameTokenHeader.text(USER, "guess").xml(), who);
        // a Sender fault, yet HTTP 500 and not the 400 the SOAP 1.2 HTTP binding asks for
        assertThat(refused.status()).as(refused.body()).isEqualTo(500);
        assertThat(refused.contentType()).startsWith("application/soap+xml");
        assertThat(refused.text("substring-after(//s12:Fault/s12:Code/s12:Value, ':')")).isEqualTo("Sender");
        Element subcode = (Element) refused.document().getElementsByTagNameNS(SoapPost.SOAP12, "Subcode").item(0);
        String value = subcode.getTextContent().trim();
        assertThat(subcode.getElementsByTagNameNS(SoapPost.SOAP12, "Value").item(0)
                .lookupNamespaceURI(value.substring(0, value.indexOf(':')))).isEqualTo(UsernameTokenHeader.WSSE);
        assertThat(value.substring(value.indexOf(':') + 1)).isEqualTo("FailedAuthentication");
        assertThat(refused.text("//s12:Fault/s12:Reason/s12:Text")).isNotBlank();
        assertThat(refused.body()).doesNotContain("guess");
    }

    @Test
    void theWsdlIsServedAndNamesBothOperations() {
        SoapReply wsdl = SoapPost.get(URI.create(text + "?wsdl"));

        assertThat(wsdl.status()).isEqualTo(200);
        assertThat(wsdl.count("/wsdl:definitions/wsdl:portType/wsdl:operation")).isEqualTo(2);
        assertThat(wsdl.text("//wsdl:port/*[local-name()='address']/@location")).isEqualTo(text.toString());
    }
}
