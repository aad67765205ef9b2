package dev.polygate.wsdl.testservices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.wsdl.SoapClient;
import dev.polygate.wsdl.SoapServices;
import dev.polygate.wsdl.XmlResponse;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Document/literal bare with messages that have no part: {@code Clear} is called with an empty Body, {@code Add} is
 * answered with one; the service is named {@code Calculator}; the endpoint keeps each request as it arrived.
 */
@Timeout(60)
class TallyServiceTest {

    private static final String NS = "http://polygate.dev/test/tally";

    private static SoapServices services;
    private static URI tally;

    @BeforeAll
    static void start() {
        services = SoapServices.start();
        tally = services.endpoint(SoapServices.TALLY);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void anEmptyBodyCallsClearAndAddAnswersAnEmptyBody() {
        SoapClient.soap11(tally, NS + "/Clear", "");
        XmlResponse added = SoapClient.soap11(tally, NS + "/Add",
                "<Entry xmlns=\"" + NS + "\"><amount>5</amount><discount>1</discount><rebate xmlns:xsi="
                        + "\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/></Entry>");
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.count("/s11:Envelope/s11:Body/*")).isZero();

        XmlResponse cleared = SoapClient.soap11(tally, NS + "/Clear", "");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.text("/s11:Envelope/s11:Body/ty:Total")).isEqualTo("4");
        assertThat(SoapClient.soap11(tally, NS + "/Clear", "").text("/s11:Envelope/s11:Body/ty:Total")).isEqualTo("0");
    }

    @Test
    void theWsdlDeclaresServiceCalculatorAndMessagesWithoutParts() {
        XmlResponse wsdl = SoapClient.get(services.wsdl(SoapServices.TALLY));
        assertThat(wsdl.text("/wsdl:definitions/wsdl:service/@name")).isEqualTo("Calculator");
        assertThat(wsdl.count("//wsdl:message[@name='Clear']/wsdl:part")).isZero();
        assertThat(wsdl.count("//wsdl:message[@name='AddResponse']/wsdl:part")).isZero();
    }

    @Test
    void theEndpointKeepsEachRequestAsItArrived() {
        int before = services.received(SoapServices.TALLY).size();
        String body = "<Factor xmlns=\"" + NS + "\">1</Factor>";
        SoapClient.soap11(tally, NS + "/Scale", body);
        List<String> received = services.received(SoapServices.TALLY);
        assertThat(received).hasSize(before + 1);
        assertThat(received.get(before)).contains(body);
    }
}
