package dev.polygate.translators.soap.wsdl;

import static dev.polygate.translators.soap.wsdl.Fixtures.TIMEOUT;
import static dev.polygate.translators.soap.wsdl.Fixtures.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polygate.spi.ConfigException;
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

    @Test
    void bareDocumentLiteralKeepsPartsAndHeadersApart() throws Exception {
        WsdlDefinition wsdl = WsdlImporter.load(uri("bare.wsdl"), TIMEOUT);

        WsdlPort port = wsdl.port(null, null);
        assertThat(port.name()).isEqualTo("QuotesPort");
        WsdlOperation quote = port.operation("GetQuote").orElseThrow();
        assertThat(quote.style()).isEqualTo(Style.DOCUMENT_BARE);
        assertThat(quote.soapAction()).isEqualTo("urn:quotes#GetQuote");
        assertThat(quote.input()).containsExactly(new MessagePart("symbol", new QName("urn:quotes", "Symbol"), null));
        assertThat(quote.inputHeaders())
                .containsExactly(new MessagePart("requestId", new QName("urn:quotes", "RequestId"), null));
        assertThat(quote.output()).extracting(MessagePart::element).containsExactly(new QName("urn:quotes", "Quote"));
        // named like a wrapper, but an attribute makes it a plain element
        assertThat(port.operation("Ping").orElseThrow().style()).isEqualTo(Style.DOCUMENT_BARE);
        assertEveryPartResolves(wsdl);
    }

    @Test
    void rpcLiteralHasTypedPartsAndTheBodyNamespace() throws Exception {
        WsdlDefinition wsdl = WsdlImporter.load(uri("rpc-literal.wsdl"), TIMEOUT);

        WsdlOperation op = wsdl.port("WeatherService", null).operation("getTemperature").orElseThrow();
        assertThat(op.style()).isEqualTo(Style.RPC);
        assertThat(op.rpcNamespace()).isEqualTo("urn:weather:rpc");
        assertThat(op.soapAction()).isEmpty();
        assertThat(op.input()).containsExactly(
                new MessagePart("city", null, new QName("http://www.w3.org/2001/XMLSchema", "string")),
                new MessagePart("unit", null, new QName("urn:weather", "Unit")));
        assertThat(op.output()).containsExactly(
                new MessagePart("return", null, new QName("http://www.w3.org/2001/XMLSchema", "double")));
        assertEveryPartResolves(wsdl);
    }

    @Test
    void rpcEncodedIsRefusedNamingDocumentBindingAndOperation() {
        URI location = uri("rpc-encoded.wsdl");
        assertThatThrownBy(() -> WsdlImporter.load(location, TIMEOUT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(location.toString())
                .hasMessageContaining("rpc/encoded (SOAP encoding) is not supported: "
                        + "binding WeatherBinding operation getTemperature");
    }

    @Test
    void splitDocumentsResolveRelativeToEachDocumentWithCyclesAndChameleonIncludes() throws Exception {
        WsdlDefinition wsdl = WsdlImporter.load(uri("split/main.wsdl"), TIMEOUT);

        assertThat(wsdl.targetNamespace()).isEqualTo("urn:orders:service");
        assertThat(wsdl.services()).extracting(WsdlService::name)
                .containsExactly(new QName("urn:orders:service", "OrderService"));
        WsdlPort port = wsdl.port("OrderService", "OrdersPort");
        assertThat(port.address()).isEqualTo(URI.create("http://orders.example.com/ws"));
        WsdlOperation op = port.operation("PlaceOrder").orElseThrow();
        assertThat(op.style()).isEqualTo(Style.DOCUMENT_WRAPPED);
        assertThat(op.soapAction()).isEqualTo("urn:orders/PlaceOrder");
        assertThat(op.input()).extracting(MessagePart::element).containsExactly(new QName("urn:orders", "PlaceOrder"));
        assertEveryPartResolves(wsdl);
        // the chameleon include took the includer's namespace; the cyclic import pair is there once each
        assertThat(wsdl.schemas().getTypeByQName(new QName("urn:orders", "OrderLine"))).isNotNull();
        assertThat(wsdl.schemas().getTypeByQName(new QName("", "OrderLine"))).isNull();
        assertThat(wsdl.schemas().getTypeByQName(new QName("urn:customers", "Customer"))).isNotNull();
        assertThat(wsdl.schemas().getTypeByQName(new QName("urn:orders", "OrderRef"))).isNotNull();
        assertThat(wsdl.schemas().getXmlSchemas())
                .filteredOn(schema -> "urn:customers".equals(schema.getTargetNamespace())).hasSize(1);
        assertThat(wsdl.schemas().getXmlSchemas())
                .filteredOn(schema -> "urn:orders".equals(schema.getTargetNamespace())).hasSize(1);
    }

    @Test
    void portIsChosenByServiceAndPortNameOrDefaultsToTheFirstSoapPort() throws Exception {
        WsdlDefinition wsdl = WsdlImporter.load(uri("multi.wsdl"), TIMEOUT);

        // Legacy has only an HTTP POST port: not a SOAP service
        assertThat(wsdl.services()).extracting(s -> s.name().getLocalPart()).containsExactly("Inventory", "Billing");
        assertThat(wsdl.port(null, null).address()).isEqualTo(URI.create("http://inventory.example.com/a"));
        assertThat(wsdl.port("Billing", null).address()).isEqualTo(URI.create("http://billing.example.com/main"));
        assertThat(wsdl.port("{urn:stock}Billing", "BillingSoap12").version()).isEqualTo(SoapVersion.SOAP_12);
        assertThat(wsdl.port(null, "InventorySoap12").address()).isEqualTo(URI.create("http://inventory.example.com/b"));
        assertThat(wsdl.port("Inventory", "Main").address()).isEqualTo(URI.create("http://inventory.example.com/main"));
        // ports sharing a binding share its operations
        assertThat(wsdl.port("Inventory", "Main").operations()).isSameAs(wsdl.port("Billing", "Main").operations());

        assertThatThrownBy(() -> wsdl.port(null, "Main")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("several services have a port 'Main'");
        assertThatThrownBy(() -> wsdl.port("Legacy", null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("no service 'Legacy'").hasMessageContaining("{urn:stock}Inventory");
        assertThatThrownBy(() -> wsdl.port("Billing", "LegacyPost")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("no SOAP port named 'LegacyPost'")
                .hasMessageContaining("Billing: [Main, BillingSoap12]");
    }

    @Test
    void missingFilesAndNonWsdlDocumentsAreClearErrors() {
        URI missing = Fixtures.directory().resolve("nowhere.wsdl").toUri();
        assertThatThrownBy(() -> WsdlImporter.load(missing, TIMEOUT))
                .isInstanceOf(ConfigException.class).hasMessageContaining(missing + ": no such file");
        URI schema = uri("split/contract/xsd/orders.xsd");
        assertThatThrownBy(() -> WsdlImporter.load(schema, TIMEOUT))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not a WSDL 1.1 document");
    }

    @Test
    void soapVersionsKnowTheirWireDifferences() {
        assertThat(SoapVersion.SOAP_11.contentType("http://tempuri.org/Add")).isEqualTo("text/xml; charset=utf-8");
        assertThat(SoapVersion.SOAP_11.soapActionHeader("")).contains("\"\"");
        assertThat(SoapVersion.SOAP_12.contentType("http://tempuri.org/Add"))
                .isEqualTo("application/soap+xml; charset=utf-8; action=\"http://tempuri.org/Add\"");
        assertThat(SoapVersion.SOAP_12.soapActionHeader("x")).isEmpty();
        assertThat(SoapVersion.SOAP_12.envelopeNamespace()).isEqualTo("http://www.w3.org/2003/05/soap-envelope");
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
