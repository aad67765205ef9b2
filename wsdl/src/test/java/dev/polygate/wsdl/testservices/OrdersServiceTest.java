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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class OrdersServiceTest {

    private static final String NS = "xmlns:o=\"http://polygate.dev/test/orders\""
            + " xmlns:ot=\"http://polygate.dev/test/orders/types\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";
    private static final String ACTION = "http://polygate.dev/test/orders/";

    private static SoapServices services;
    private static URI orders;

    @BeforeAll
    static void start() {
        services = SoapServices.start();
        orders = services.endpoint(SoapServices.ORDERS);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    private static String order(String lines, String note, String payment) {
        return "<order currency=\"EUR\" revision=\"3\">"
                + "<ot:id>9007199254740993</ot:id>"
                + "<ot:customer><ot:name>Ada</ot:name>"
                + "<ot:address country=\"GB\"><ot:street>1 Loop Road</ot:street><ot:city>London</ot:city>"
                + "</ot:address></ot:customer>"
                + lines
                + note
                + payment
                + "<ot:status>on-hold</ot:status>"
                + "<ot:total>12345678901234567890.123456789012</ot:total>"
                + "<ot:serial>123456789012345678901234567890</ot:serial>"
                + "<ot:placedAt>2024-02-29T23:59:58.125+05:30</ot:placedAt>"
                + "<ot:deliverOn>2024-03-01</ot:deliverOn>"
                + "<ot:signature>AAECA/+A</ot:signature>"
                + "</order>";
    }

    private static XmlResponse echo(String order, String header) {
        return SoapClient.soap11(orders, ACTION + "EchoOrder", header,
                "<o:EchoOrder " + NS + ">" + order + "</o:EchoOrder>");
    }

    private static final String ECHOED = "/s11:Envelope/s11:Body/o:EchoOrderResponse/order";

    @Test
    void echoKeepsNestingAttributesEnumsPrecisionDatesAndBinary() {
        String line = "<ot:line gift=\"true\"><ot:sku>A-1</ot:sku><ot:quantity>2</ot:quantity>"
                + "<ot:unitPrice>0.10</ot:unitPrice></ot:line>";
        XmlResponse response = echo(order(line, "<ot:note>ring twice</ot:note>",
                "<ot:card><ot:holder>Ada</ot:holder><ot:last4>4242</ot:last4></ot:card>"), "");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text(ECHOED + "/@currency")).isEqualTo("EUR");
        assertThat(response.text(ECHOED + "/@revision")).isEqualTo("3");
        assertThat(response.text(ECHOED + "/ot:id")).isEqualTo("9007199254740993");
        assertThat(response.text(ECHOED + "/ot:customer/ot:address/@country")).isEqualTo("GB");
        assertThat(response.text(ECHOED + "/ot:customer/ot:address/ot:city")).isEqualTo("London");
        assertThat(response.count(ECHOED + "/ot:line")).isEqualTo(1);
        assertThat(response.text(ECHOED + "/ot:line/@gift")).isEqualTo("true");
        assertThat(response.text(ECHOED + "/ot:line/ot:unitPrice")).isEqualTo("0.10");
        assertThat(response.text(ECHOED + "/ot:note")).isEqualTo("ring twice");
        assertThat(response.text(ECHOED + "/ot:card/ot:last4")).isEqualTo("4242");
        assertThat(response.count(ECHOED + "/ot:invoice")).isZero();
        assertThat(response.text(ECHOED + "/ot:status")).isEqualTo("on-hold");
        assertThat(response.text(ECHOED + "/ot:total")).isEqualTo("12345678901234567890.123456789012");
        assertThat(response.text(ECHOED + "/ot:serial")).isEqualTo("123456789012345678901234567890");
        assertThat(response.text(ECHOED + "/ot:placedAt")).isEqualTo("2024-02-29T23:59:58.125+05:30");
        assertThat(response.text(ECHOED + "/ot:deliverOn")).isEqualTo("2024-03-01");
        assertThat(response.text(ECHOED + "/ot:signature")).isEqualTo("AAECA/+A");
    }

    @Test
    void nilAndAbsentStayDifferentAndTheOtherChoiceBranchIsKept() {
        XmlResponse response = echo(order("", "<ot:note xsi:nil=\"true\"/>",
                "<ot:invoice dueDays=\"30\"><ot:reference>INV-7</ot:reference></ot:invoice>"), "");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.count(ECHOED + "/ot:line")).isZero();
        assertThat(response.text(ECHOED + "/ot:note/@xsi:nil")).isEqualTo("true");
        assertThat(response.count(ECHOED + "/ot:comment")).isZero();
        assertThat(response.count(ECHOED + "/ot:card")).isZero();
        assertThat(response.text(ECHOED + "/ot:invoice/@dueDays")).isEqualTo("30");
        assertThat(response.text(ECHOED + "/ot:invoice/ot:reference")).isEqualTo("INV-7");
    }

    @Test
    void manyLinesComeBackInOrder() {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            lines.append("<ot:line><ot:sku>S").append(i).append("</ot:sku><ot:quantity>").append(i)
                    .append("</ot:quantity><ot:unitPrice>1</ot:unitPrice></ot:line>");
        }
        XmlResponse response = echo(order(lines.toString(), "<ot:note>x</ot:note>", ""), "");

        assertThat(response.count(ECHOED + "/ot:line")).isEqualTo(3);
        assertThat(response.text(ECHOED + "/ot:line[3]/ot:sku")).isEqualTo("S3");
        assertThat(response.count(ECHOED + "/ot:line/@gift")).isZero();
    }

    @Test
    void theTrackingHeaderComesBackAsAResponseHeader() {
        XmlResponse response = echo(order("", "<ot:note>x</ot:note>", ""),
                "<o:Tracking xmlns:o=\"http://polygate.dev/test/orders\">req-42</o:Tracking>");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("/s11:Envelope/s11:Header/o:TrackingEcho")).isEqualTo("seen:req-42");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5})
    void listLinesAnswersArraysOfZeroOneAndMany(int count) {
        XmlResponse response = SoapClient.soap11(orders, ACTION + "ListLines",
                "<o:ListLines " + NS + "><count>" + count + "</count></o:ListLines>");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.count("//o:ListLinesResponse")).isEqualTo(1);
        assertThat(response.count("//o:ListLinesResponse/line")).isEqualTo(count);
        if (count > 0) {
            assertThat(response.text("//o:ListLinesResponse/line[last()]/ot:sku")).isEqualTo("SKU-" + count);
        }
    }

    @Test
    void sumKeepsEveryDecimalDigit() {
        XmlResponse response = SoapClient.soap11(orders, ACTION + "Sum", "<o:Sum " + NS + ">"
                + "<amount>0.1</amount><amount>0.2</amount><amount>99999999999999999999.000000000001</amount>"
                + "</o:Sum>");

        assertThat(response.text("//o:SumResponse/total")).isEqualTo("99999999999999999999.300000000001");
    }

    @Test
    void cancellingAnUnknownOrderAnswersTheDeclaredFault() {
        XmlResponse response = SoapClient.soap11(orders, ACTION + "CancelOrder",
                "<o:CancelOrder " + NS + "><orderId>9223372036854775807</orderId></o:CancelOrder>");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.text("substring-after(//s11:Fault/faultcode, ':')")).isEqualTo("Server");
        assertThat(response.text("//s11:Fault/faultstring")).isEqualTo("no order 9223372036854775807");
        assertThat(response.text("//s11:Fault/detail/ot:OrderNotFound/ot:orderId"))
                .isEqualTo("9223372036854775807");
        assertThat(response.text("//s11:Fault/detail/ot:OrderNotFound/ot:reason")).isEqualTo("unknown order");
    }

    @Test
    void cancellingOrderOneSucceeds() {
        XmlResponse response = SoapClient.soap11(orders, ACTION + "CancelOrder",
                "<o:CancelOrder " + NS + "><orderId>1</orderId></o:CancelOrder>");

        assertThat(response.text("//o:CancelOrderResponse/cancelled")).isEqualTo("true");
    }
}
