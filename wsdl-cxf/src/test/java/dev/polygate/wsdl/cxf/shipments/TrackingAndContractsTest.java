package dev.polygate.wsdl.cxf.shipments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.wsdl.cxf.CxfServices;
import dev.polygate.wsdl.cxf.SoapPost;
import dev.polygate.wsdl.cxf.SoapReply;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bare tracking desk, and the WSDL every shipment port serves: what an importer will read from CXF. */
@Timeout(60)
class TrackingAndContractsTest {

    private static final String LOCATE = ShipmentDesk.NAMESPACE + "/Locate";

    private static CxfServices services;

    @BeforeAll
    static void start() {
        services = CxfServices.start();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    private static SoapReply locate(String attributes) {
        return SoapPost.soap11(services.endpoint(CxfServices.TRACKING), LOCATE, "",
                "<sh:trackingQuery " + ShipmentDeskTest.NS + attributes + "><st:reference>PG-9</st:reference>"
                        + "</sh:trackingQuery>");
    }

    @Test
    void theBarePartIsTheBodyChildBothWays() {
        String reply = "/s11:Envelope/s11:Body/sh:trackingReply";
        SoapReply plain = locate("");
        SoapReply history = locate(" withHistory=\"true\"");

        assertThat(plain.status()).as(plain.body()).isEqualTo(200);
        assertThat(plain.text(reply + "/st:reference")).isEqualTo("PG-9");
        assertThat(plain.text(reply + "/st:status")).isEqualTo("in-transit");
        assertThat(plain.count(reply + "/st:event")).isZero();
        assertThat(history.count(reply + "/st:event")).isEqualTo(2);
        assertThat(history.text(reply + "/st:event[2]")).isEqualTo("picked up");
    }

    @Test
    void rpcLiteralPartsAreUnqualifiedChildrenOfTheOperationElement() {
        SoapReply reply = SoapPost.soap11(services.endpoint(CxfServices.RATES), RateDesk.NAMESPACE + "/Quote", "",
                "<r:Quote xmlns:r=\"" + RateDesk.NAMESPACE + "\" xmlns:st=\"" + ShipmentDesk.TYPES + "\">"
                        + "<parcel fragile=\"true\"><st:weightGrams>1500</st:weightGrams></parcel>"
                        + "<ratePerKilogram>4.20</ratePerKilogram></r:Quote>");
        SoapReply wsdl = SoapPost.get(services.wsdl(CxfServices.RATES));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.text("/s11:Envelope/s11:Body/r:QuoteResponse/price")).isEqualTo("8.80");
        assertThat(wsdl.text("//wsdl:binding/*[local-name()='binding']/@style")).isEqualTo("rpc");
        assertThat(wsdl.text("//wsdl:binding/wsdl:operation/wsdl:input/*[local-name()='body']/@namespace"))
                .isEqualTo(RateDesk.NAMESPACE);
    }

    @Test
    void everyServiceServesAWsdlWithItsOwnAddress() {
        for (String name : services.names()) {
            URI endpoint = services.endpoint(name);
            SoapReply wsdl = SoapPost.get(services.wsdl(name));

            assertThat(wsdl.status()).as(name).isEqualTo(200);
            assertThat(wsdl.count("/wsdl:definitions/wsdl:portType/wsdl:operation")).as(name).isPositive();
            assertThat(wsdl.text("//wsdl:port/*[local-name()='address']/@location")).isEqualTo(endpoint.toString());
        }
    }

    @Test
    void theShipmentSchemaCarriesEveryConstruct() {
        SoapReply wsdl = SoapPost.get(services.wsdl(CxfServices.SHIPMENTS));
        String types = "//xsd:schema[@targetNamespace='" + ShipmentDesk.TYPES + "']";
        String shipment = types + "/xsd:complexType[@name='shipment']";
        String wrappers = "//xsd:schema[@targetNamespace='" + ShipmentDesk.NAMESPACE + "']";

        assertThat(wsdl.text(types + "/@elementFormDefault")).isEqualTo("qualified");
        assertThat(wsdl.text(wrappers + "/@elementFormDefault")).isEqualTo("qualified");
        assertThat(wsdl.text(shipment + "//xsd:element[@name='parcel']/@maxOccurs")).isEqualTo("unbounded");
        assertThat(wsdl.text(shipment + "//xsd:element[@name='instructions']/@nillable")).isEqualTo("true");
        assertThat(wsdl.count(shipment + "//xsd:choice/xsd:element")).isEqualTo(2);
        assertThat(wsdl.text(shipment + "//xsd:element[@name='trackingNumber']/@type")).endsWith(":long");
        assertThat(wsdl.text(shipment + "//xsd:element[@name='insuredValue']/@type")).endsWith(":decimal");
        assertThat(wsdl.text(shipment + "//xsd:element[@name='createdAt']/@type")).endsWith(":dateTime");
        assertThat(wsdl.text(shipment + "//xsd:element[@name='label']/@type")).endsWith(":base64Binary");
        assertThat(wsdl.count(shipment + "/xsd:attribute")).isEqualTo(2);
        assertThat(wsdl.count(types + "/xsd:simpleType[@name='shipmentStatus']//xsd:enumeration")).isEqualTo(3);
        assertThat(wsdl.count("//wsdl:binding/wsdl:operation[@name='Weigh']/wsdl:input/*[local-name()='header']"))
                .isEqualTo(1);
        assertThat(wsdl.count("//wsdl:binding/wsdl:operation[@name='Find']/wsdl:fault")).isEqualTo(1);
    }

    @Test
    void theSoap12PortIsBoundToSoap12AndTheTrackingDeskIsBare() {
        SoapReply soap12 = SoapPost.get(services.wsdl(CxfServices.SHIPMENTS_SOAP12));
        SoapReply tracking = SoapPost.get(services.wsdl(CxfServices.TRACKING));

        assertThat(soap12.text("namespace-uri(//wsdl:binding/*[local-name()='binding'])"))
                .isEqualTo("http://schemas.xmlsoap.org/wsdl/soap12/");
        assertThat(tracking.count("//wsdl:message/wsdl:part[substring-after(@element, ':')='trackingQuery']"))
                .isEqualTo(1);
        assertThat(tracking.count("//wsdl:message/wsdl:part[substring-after(@element, ':')='trackingReply']"))
                .isEqualTo(1);
        assertThat(tracking.count("//xsd:element[@name='Locate']")).isZero();
    }
}
