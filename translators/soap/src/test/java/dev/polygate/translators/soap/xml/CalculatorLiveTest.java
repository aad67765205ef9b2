package dev.polygate.translators.soap.xml;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import dev.polygate.translators.soap.wsdl.SoapVersion;
import dev.polygate.translators.soap.wsdl.WsdlOperation;
import dev.polygate.wsdl.calculator.CalculatorService;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The codec against the JAX-WS RI Calculator: requests it accepts, answers and faults it sends. */
class CalculatorLiveTest {
    private static final String TEMPURI = "http://tempuri.org/";
    private static CalculatorService calculator;
    private static LiveBackends.Contract contract;

    @BeforeAll
    static void start() throws Exception {
        calculator = CalculatorService.start();
        contract = LiveBackends.contract(calculator.wsdl());
    }

    @AfterAll
    static void stop() {
        calculator.close();
    }

    private static SoapResult call(String operationName, int a, int b) throws Exception {
        WsdlOperation operation = contract.operation(operationName);
        QName input = operation.input().get(0).element();
        QName output = operation.output().get(0).element();
        Descriptor type = contract.message(input);
        DynamicMessage request = DynamicMessage.newBuilder(type).setField(type.findFieldByName("int_a"), a)
                .setField(type.findFieldByName("int_b"), b).build();
        byte[] envelope = SoapRequestWriter.write(SoapVersion.SOAP_11, new BodyShape.Element(input), request, List.of());
        HttpResponse<byte[]> response = LiveBackends.post(calculator.endpoint(),
                SoapVersion.SOAP_11.soapActionHeader(operation.soapAction()).orElseThrow(),
                SoapVersion.SOAP_11.contentType(operation.soapAction()), envelope);
        return SoapResponseReader.read(response.body(), response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), SoapVersion.SOAP_11,
                new BodyShape.Element(output), contract.message(output), contract.faults(operation));
    }

    @Test
    void addAnswersFive() throws Exception {
        assertThat(contract.operation("Add").soapAction()).isEqualTo(TEMPURI + "Add");
        SoapResult result = call("Add", 2, 3);
        assertThat(result).isInstanceOf(SoapResult.Output.class);
        DynamicMessage answer = ((SoapResult.Output) result).message();
        assertThat(answer.getField(answer.getDescriptorForType().findFieldByName("add_result"))).isEqualTo(5);
    }

    @Test
    void requestEnvelopeIsWhatTheWriterPromises() throws Exception {
        Descriptor type = contract.message(new QName(TEMPURI, "Add"));
        DynamicMessage request = DynamicMessage.newBuilder(type).setField(type.findFieldByName("int_a"), 2)
                .setField(type.findFieldByName("int_b"), 3).build();
        String xml = new String(SoapRequestWriter.write(SoapVersion.SOAP_11, new BodyShape.Element(new QName(TEMPURI, "Add")),
                request, List.of()), StandardCharsets.UTF_8);
        assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<ns1:Add xmlns:ns1=\"http://tempuri.org/\"><ns1:intA>2</ns1:intA><ns1:intB>3</ns1:intB></ns1:Add>"
                + "</soap:Body></soap:Envelope>");
    }

    @Test
    void divideByZeroIsAFaultWithItsDetailParsed() throws Exception {
        SoapResult result = call("Divide", 7, 0);
        assertThat(result).isInstanceOf(SoapResult.Fault.class);
        SoapFault fault = ((SoapResult.Fault) result).fault();
        assertThat(fault.version()).isEqualTo(SoapVersion.SOAP_11);
        assertThat(fault.code().getNamespaceURI()).isEqualTo(SoapVersion.SOAP_11.envelopeNamespace());
        assertThat(fault.reason()).isNotBlank();
        assertThat(fault.detailElement()).isNotNull();
        assertThat(fault.detail()).as(fault.detailXml()).isNotNull();
        Descriptor detail = fault.detail().getDescriptorForType();
        assertThat(fault.detail().getField(detail.findFieldByName("dividend"))).isEqualTo(7);
    }
}
