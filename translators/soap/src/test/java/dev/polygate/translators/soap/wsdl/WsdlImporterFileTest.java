package dev.polygate.translators.soap.wsdl;

import static dev.polygate.translators.soap.wsdl.Fixtures.TIMEOUT;
import static dev.polygate.translators.soap.wsdl.Fixtures.uri;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.translators.soap.wsdl.WsdlOperation.Style;
import java.net.URI;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;

class WsdlImporterFileTest {
    private static final String TEMPURI = "http://tempuri.org/";

    @Test
    void calculatorHasSoap11And12PortsWrappedOperationsAndSkipsHttpGet() throws Exception {
        WsdlDefinition wsdl = WsdlImporter.load(uri("calculator.wsdl"), TIMEOUT);

        assertThat(wsdl.targetNamespace()).isEqualTo(TEMPURI);
        assertThat(wsdl.services()).hasSize(1);
        WsdlService service = wsdl.services().get(0);
        assertThat(service.name()).isEqualTo(new QName(TEMPURI, "Calculator"));
        assertThat(service.ports()).extracting(WsdlPort::name).containsExactly("CalculatorSoap", "CalculatorSoap12");
        assertThat(service.ports()).extracting(WsdlPort::version)
                .containsExactly(SoapVersion.SOAP_11, SoapVersion.SOAP_12);
        assertThat(service.ports()).extracting(WsdlPort::address)
                .containsOnly(URI.create("http://calc.example.com/calculator.asmx"));

        WsdlPort port = wsdl.port(null, null);
        assertThat(port.name()).isEqualTo("CalculatorSoap");
        assertThat(port.binding()).isEqualTo(new QName(TEMPURI, "CalculatorSoap"));
        assertThat(port.operations()).extracting(WsdlOperation::name).containsExactly("Add", "Divide", "Reset");

        WsdlOperation add = port.operation("Add").orElseThrow();
        assertThat(add.soapAction()).isEqualTo("http://tempuri.org/Add");
        assertThat(add.style()).isEqualTo(Style.DOCUMENT_WRAPPED);
        assertThat(add.rpcNamespace()).isNull();
        assertThat(add.input()).containsExactly(new MessagePart("parameters", new QName(TEMPURI, "Add"), null));
        assertThat(add.output())
                .containsExactly(new MessagePart("parameters", new QName(TEMPURI, "AddResponse"), null));
        assertThat(add.inputHeaders()).isEmpty();
        assertThat(add.faults()).isEmpty();
        assertThat(add.oneWay()).isFalse();

        // a named wrapper type is as good as an anonymous one
        WsdlOperation divide = port.operation("Divide").orElseThrow();
        assertThat(divide.style()).isEqualTo(Style.DOCUMENT_WRAPPED);
        assertThat(divide.inputHeaders()).containsExactly(new MessagePart("Auth", new QName(TEMPURI, "Auth"), null));
        assertThat(divide.input()).extracting(MessagePart::element).containsExactly(new QName(TEMPURI, "Divide"));
        assertThat(divide.faults()).singleElement().satisfies(fault -> {
            assertThat(fault.name()).isEqualTo("DivideByZero");
            assertThat(fault.element()).isEqualTo(new QName(TEMPURI, "DivideByZero"));
        });

        WsdlOperation reset = port.operation("Reset").orElseThrow();
        assertThat(reset.oneWay()).isTrue();
        assertThat(reset.output()).isEmpty();
        assertThat(reset.soapAction()).isEmpty();
        assertThat(reset.style()).isEqualTo(Style.DOCUMENT_WRAPPED);

        WsdlPort soap12 = wsdl.port("Calculator", "CalculatorSoap12");
        assertThat(soap12.version()).isEqualTo(SoapVersion.SOAP_12);
        assertThat(soap12.operation("Divide").orElseThrow().inputHeaders()).hasSize(1);
        assertThat(soap12.operation("Add").orElseThrow().soapAction()).isEqualTo("http://tempuri.org/Add");

        assertEveryPartResolves(wsdl);
        // the namespace-only import of the second inline schema and of xml: resolved
        assertThat(wsdl.schemas().getTypeByQName(new QName("http://tempuri.org/types", "FaultInfo"))).isNotNull();
        assertThat(wsdl.schemas().getAttributeByQName(
                new QName("http://www.w3.org/XML/1998/namespace", "lang"))).isNotNull();
    }

    static void assertEveryPartResolves(WsdlDefinition wsdl) {
        for (WsdlService service : wsdl.services()) {
            for (WsdlPort port : service.ports()) {
                for (WsdlOperation op : port.operations()) {
                    java.util.List<MessagePart> parts = new java.util.ArrayList<>();
                    parts.addAll(op.input());
                    parts.addAll(op.output());
                    parts.addAll(op.inputHeaders());
                    parts.addAll(op.outputHeaders());
                    op.faults().forEach(f -> parts.add(f.detail()));
                    for (MessagePart part : parts) {
                        if (part.element() != null) {
                            assertThat(wsdl.schemas().getElementByQName(part.element()))
                                    .as("element of %s in %s", part.name(), op.name()).isNotNull();
                        } else if (!part.type().getNamespaceURI().equals("http://www.w3.org/2001/XMLSchema")) {
                            assertThat(wsdl.schemas().getTypeByQName(part.type()))
                                    .as("type of %s in %s", part.name(), op.name()).isNotNull();
                        }
                    }
                }
            }
        }
    }
}
