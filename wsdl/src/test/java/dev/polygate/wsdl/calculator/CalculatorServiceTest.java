package dev.polygate.wsdl.calculator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.wsdl.SoapClient;
import dev.polygate.wsdl.XmlResponse;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CalculatorServiceTest {

    private static CalculatorService calculator;

    @BeforeAll
    static void start() {
        calculator = CalculatorService.start();
    }

    @AfterAll
    static void stop() {
        calculator.close();
    }

    private static String call(String operation, int a, int b) {
        return "<" + operation + " xmlns=\"http://tempuri.org/\"><intA>" + a + "</intA><intB>" + b + "</intB></"
                + operation + ">";
    }

    @Test
    void addAnswersAddResultOverSoap11() {
        XmlResponse response = SoapClient.soap11(calculator.endpoint(), "http://tempuri.org/Add", call("Add", 2, 3));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/xml");
        assertThat(response.text("/s11:Envelope/s11:Body/t:AddResponse/t:AddResult")).isEqualTo("5");
    }

    @Test
    void subtractMultiplyAndDivide() {
        URI endpoint = calculator.endpoint();
        assertThat(SoapClient.soap11(endpoint, "http://tempuri.org/Subtract", call("Subtract", 2, 3))
                .text("//t:SubtractResponse/t:SubtractResult")).isEqualTo("-1");
        assertThat(SoapClient.soap11(endpoint, "http://tempuri.org/Multiply", call("Multiply", 6, 7))
                .text("//t:MultiplyResponse/t:MultiplyResult")).isEqualTo("42");
        assertThat(SoapClient.soap11(endpoint, "http://tempuri.org/Divide", call("Divide", 7, 2))
                .text("//t:DivideResponse/t:DivideResult")).isEqualTo("3");
    }

    @Test
    void divideByZeroIsTheDeclaredFaultWithItsDetail() {
        XmlResponse response = SoapClient.soap11(calculator.endpoint(), "http://tempuri.org/Divide",
                call("Divide", 9, 0));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.text("local-name(/s11:Envelope/s11:Body/s11:Fault/faultcode)")).isEqualTo("faultcode");
        assertThat(response.text("substring-after(//s11:Fault/faultcode, ':')")).isEqualTo("Server");
        assertThat(response.text("//s11:Fault/faultstring")).isEqualTo("Attempted to divide by zero.");
        assertThat(response.text("//s11:Fault/detail/t:DivideByZero/t:dividend")).isEqualTo("9");
    }

    @Test
    void soap12PortAnswersWithSoap12ContentType() {
        XmlResponse response = SoapClient.soap12(calculator.soap12Endpoint(), "http://tempuri.org/Add",
                call("Add", 40, 2));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/soap+xml");
        assertThat(response.text("/s12:Envelope/s12:Body/t:AddResponse/t:AddResult")).isEqualTo("42");
    }

    @Test
    void soap12FaultIsAReceiverFaultWithDetail() {
        XmlResponse response = SoapClient.soap12(calculator.soap12Endpoint(), "http://tempuri.org/Divide",
                call("Divide", 4, 0));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.contentType()).startsWith("application/soap+xml");
        assertThat(response.text("substring-after(//s12:Fault/s12:Code/s12:Value, ':')")).isEqualTo("Receiver");
        assertThat(response.text("//s12:Fault/s12:Reason/s12:Text")).isEqualTo("Attempted to divide by zero.");
        assertThat(response.text("//s12:Fault/s12:Detail/t:DivideByZero/t:dividend")).isEqualTo("4");
    }

    @Test
    void wsdlIsTheClassicContractWithBothPortsAtTheirRealAddresses() {
        XmlResponse wsdl = SoapClient.get(calculator.wsdl());

        assertThat(wsdl.status()).isEqualTo(200);
        assertThat(wsdl.text("/wsdl:definitions/@targetNamespace")).isEqualTo("http://tempuri.org/");
        assertThat(wsdl.count("//wsdl:portType[@name='CalculatorSoap']/wsdl:operation")).isEqualTo(4);
        assertThat(wsdl.text("//wsdl:message[@name='AddSoapIn']/wsdl:part/@element")).endsWith(":Add");
        assertThat(wsdl.text("//wsdl:port[@name='CalculatorSoap']/*[local-name()='address']/@location"))
                .isEqualTo(calculator.endpoint().toString());
        assertThat(wsdl.text("//wsdl:port[@name='CalculatorSoap12']/*[local-name()='address']/@location"))
                .isEqualTo(calculator.soap12Endpoint().toString());
    }
}
