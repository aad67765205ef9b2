package dev.polygate.translators.soap.xml;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import dev.polygate.translators.soap.wsdl.SoapVersion;
import dev.polygate.translators.soap.wsdl.WsdlOperation;
import dev.polygate.wsdl.SoapServices;
import java.net.http.HttpResponse;
import java.util.List;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A rich order sent through the writer to the JAX-WS Orders service and read back from its echo, losslessly. */
class OrdersLiveTest {
    private static final String NS = "http://polygate.dev/test/orders";
    private static SoapServices services;
    private static LiveBackends.Contract contract;

    @BeforeAll
    static void start() throws Exception {
        services = SoapServices.start();
        contract = LiveBackends.contract(services.wsdl(SoapServices.ORDERS));
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    private static final String ORDER = "<o:EchoOrder xmlns:o=\"" + NS + "\" xmlns:ot=\"http://polygate.dev/test/orders/types\">"
            + "<order currency=\"EUR\" revision=\"3\">"
            + "<ot:id>9007199254740993</ot:id>"
            + "<ot:customer><ot:name>Ada</ot:name><ot:address country=\"GB\"><ot:street>1 Loop Road</ot:street>"
            + "<ot:city>London</ot:city></ot:address></ot:customer>"
            + "<ot:line gift=\"true\"><ot:sku>A-1</ot:sku><ot:quantity>2</ot:quantity><ot:unitPrice>0.10</ot:unitPrice></ot:line>"
            + "<ot:line><ot:sku>B-2</ot:sku><ot:quantity>1</ot:quantity><ot:unitPrice>3.333</ot:unitPrice></ot:line>"
            + "<ot:note xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/>"
            + "<ot:invoice dueDays=\"30\"><ot:reference>INV-7</ot:reference></ot:invoice>"
            + "<ot:status>on-hold</ot:status>"
            + "<ot:total>12345678901234567890.123456789012</ot:total>"
            + "<ot:serial>123456789012345678901234567890</ot:serial>"
            + "<ot:placedAt>2024-02-29T23:59:58.125+05:30</ot:placedAt>"
            + "<ot:deliverOn>2024-03-01</ot:deliverOn>"
            + "<ot:signature>AAECA/+A</ot:signature>"
            + "</order></o:EchoOrder>";

    @Test
    void echoedOrderIsTheOrderSent() throws Exception {
        WsdlOperation echo = contract.operation("EchoOrder");
        QName input = echo.input().get(0).element();
        QName output = echo.output().get(0).element();
        Descriptor requestType = contract.message(input);
        DynamicMessage request = Xml.read(ORDER, requestType);
        QName tracking = echo.inputHeaders().get(0).element();
        DynamicMessage header = Xml.read("<t:Tracking xmlns:t=\"" + NS + "\">req-42</t:Tracking>", contract.message(tracking));
        byte[] envelope = SoapRequestWriter.write(SoapVersion.SOAP_11, new BodyShape.Element(input), request,
                List.of(new HeaderBlock(tracking, header, null, false)));
        HttpResponse<byte[]> response = LiveBackends.post(services.endpoint(SoapServices.ORDERS),
                "\"" + echo.soapAction() + "\"", SoapVersion.SOAP_11.contentType(null), envelope);
        SoapResult result = SoapResponseReader.read(response.body(), response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), SoapVersion.SOAP_11,
                new BodyShape.Element(output), contract.message(output), contract.faults(echo));
        assertThat(result).as(new String(response.body())).isInstanceOf(SoapResult.Output.class);
        SoapResult.Output answer = (SoapResult.Output) result;

        JsonFormat.Printer json = JsonFormat.printer().omittingInsignificantWhitespace();
        String sent = json.print(request);
        assertThat(sent).contains("\"note\":{\"nil\":null}", "\"total\":\"12345678901234567890.123456789012\"",
                "\"id\":\"9007199254740993\"", "\"signature\":\"AAECA/+A\"", "\"gift\":true", "\"dueDays\":30");
        assertThat(json.print(answer.message())).isEqualTo(sent);
        assertThat(answer.headerXml()).anySatisfy(h -> assertThat(h).contains("TrackingEcho").contains("seen:req-42"));
    }
}
