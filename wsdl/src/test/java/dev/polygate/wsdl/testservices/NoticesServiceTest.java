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

/** A one-way operation as JAX-WS serves it: 202 and no body, and what it received told by another operation. */
@Timeout(60)
class NoticesServiceTest {

    private static final String NS = "http://polygate.dev/test/notices";

    private static SoapServices services;
    private static URI notices;

    @BeforeAll
    static void start() {
        services = SoapServices.start();
        notices = services.endpoint(SoapServices.NOTICES);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    private static XmlResponse notify(String source, String text, long sequence) {
        return SoapClient.soap11(notices, NS + "/Notify", "<n:Notify xmlns:n=\"" + NS + "\"><n:notice>"
                + "<n:source>" + source + "</n:source><n:text>" + text + "</n:text><n:sequence>" + sequence
                + "</n:sequence></n:notice></n:Notify>");
    }

    private static XmlResponse lastNotice(String source, int atLeast) {
        return SoapClient.soap11(notices, NS + "/LastNotice", "<n:LastNotice xmlns:n=\"" + NS + "\"><n:source>"
                + source + "</n:source><n:atLeast>" + atLeast + "</n:atLeast></n:LastNotice>");
    }

    @Test
    void theWsdlDeclaresNotifyWithAnInputAndNoOutput() {
        XmlResponse wsdl = SoapClient.get(services.wsdl(SoapServices.NOTICES));

        assertThat(wsdl.count("//wsdl:portType/wsdl:operation[@name='Notify']/wsdl:input")).isEqualTo(1);
        assertThat(wsdl.count("//wsdl:portType/wsdl:operation[@name='Notify']/wsdl:output")).isZero();
        assertThat(wsdl.count("//wsdl:portType/wsdl:operation[@name='LastNotice']/wsdl:output")).isEqualTo(1);
    }

    @Test
    void aNotificationIsAcceptedWithNoBodyAndRecorded() {
        XmlResponse accepted = notify("door", "opened", 1);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body()).isEmpty();
        assertThat(notify("door", "closed", 2).status()).isEqualTo(202);

        XmlResponse log = lastNotice("door", 2);
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.text("//n:LastNoticeResponse/n:log/n:received")).isEqualTo("2");
        assertThat(log.text("//n:log/n:last/n:text")).isEqualTo("closed");
        assertThat(log.text("//n:log/n:last/n:sequence")).isEqualTo("2");
    }

    @Test
    void aSourceThatSentNothingHasNoLastNotice() {
        XmlResponse log = lastNotice("window", 0);

        assertThat(log.text("//n:log/n:received")).isEqualTo("0");
        assertThat(log.count("//n:log/n:last")).isZero();
    }

    @Test
    void aRequestThatIsNotTheOperationsMessageIsAFault() {
        XmlResponse refused = SoapClient.soap11(notices, NS + "/Notify", "<n:Unknown xmlns:n=\"" + NS + "\"/>");

        assertThat(refused.status()).isEqualTo(500);
        assertThat(refused.count("//s11:Fault")).isEqualTo(1);
    }
}
