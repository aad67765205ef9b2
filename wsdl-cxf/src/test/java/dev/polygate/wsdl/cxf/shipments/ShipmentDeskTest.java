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

/**
 * The shipment desk on CXF, SOAP 1.1 and 1.2, driven by hand-written envelopes. Unlike the JAX-WS RI, CXF
 * qualifies the wrapper's children ({@code sh:shipment}, {@code sh:parcel}) when the service's package declares
 * {@code elementFormDefault="qualified"}, as this one does: its WSDL says so, and an unqualified child is refused.
 */
@Timeout(60)
class ShipmentDeskTest {

    static final String NS = "xmlns:sh=\"" + ShipmentDesk.NAMESPACE + "\" xmlns:st=\"" + ShipmentDesk.TYPES + "\""
            + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";
    private static final String ACTION = ShipmentDesk.NAMESPACE + "/";
    private static final String ECHOED = "/s11:Envelope/s11:Body/sh:EchoResponse/sh:shipment";

    private static CxfServices services;
    private static URI desk;
    private static URI desk12;

    @BeforeAll
    static void start() {
        services = CxfServices.start();
        desk = services.endpoint(CxfServices.SHIPMENTS);
        desk12 = services.endpoint(CxfServices.SHIPMENTS_SOAP12);
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    static String parcel(boolean fragile, long grams, String value) {
        return "<st:parcel fragile=\"" + fragile + "\"><st:weightGrams>" + grams + "</st:weightGrams>"
                + "<st:declaredValue>" + value + "</st:declaredValue></st:parcel>";
    }

    static String shipment(String parcels, String instructions, String delivery) {
        return "<sh:shipment reference=\"PG-7\" priority=\"express\">"
                + "<st:trackingNumber>9007199254740993</st:trackingNumber>"
                + "<st:sender><st:name>Ada</st:name><st:address country=\"GB\"><st:street>1 Loop Road</st:street>"
                + "<st:city>London</st:city></st:address></st:sender>"
                + parcels + instructions + delivery
                + "<st:status>in-transit</st:status>"
                + "<st:insuredValue>12345678901234567890.123456789012</st:insuredValue>"
                + "<st:createdAt>2024-02-29T23:59:58.125+05:30</st:createdAt>"
                + "<st:label>AAECA/+A</st:label>"
                + "</sh:shipment>";
    }

    private static SoapReply echo(String shipment) {
        return SoapPost.soap11(desk, ACTION + "Echo", "", "<sh:Echo " + NS + ">" + shipment + "</sh:Echo>");
    }

    @Test
    void echoKeepsNestingAttributesNilChoiceEnumsPrecisionDatesAndBinary() {
        String parcels = parcel(true, 1200, "0.10") + parcel(false, 3, "19.99") + parcel(false, 0, "0");
        SoapReply reply = echo(shipment(parcels, "<st:instructions xsi:nil=\"true\"/>",
                "<st:locker><st:lockerId>NTE-042</st:lockerId><st:pin>1234</st:pin></st:locker>"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.text(ECHOED + "/@reference")).isEqualTo("PG-7");
        assertThat(reply.text(ECHOED + "/@priority")).isEqualTo("express");
        assertThat(reply.text(ECHOED + "/st:trackingNumber")).isEqualTo("9007199254740993");
        assertThat(reply.text(ECHOED + "/st:sender/st:address/@country")).isEqualTo("GB");
        assertThat(reply.text(ECHOED + "/st:sender/st:address/st:city")).isEqualTo("London");
        assertThat(reply.count(ECHOED + "/st:parcel")).isEqualTo(3);
        assertThat(reply.text(ECHOED + "/st:parcel[1]/@fragile")).isEqualTo("true");
        assertThat(reply.text(ECHOED + "/st:parcel[1]/st:declaredValue")).isEqualTo("0.10");
        assertThat(reply.text(ECHOED + "/st:instructions/@xsi:nil")).isEqualTo("true");
        assertThat(reply.text(ECHOED + "/st:locker/st:lockerId")).isEqualTo("NTE-042");
        assertThat(reply.count(ECHOED + "/st:door")).isZero();
        assertThat(reply.text(ECHOED + "/st:status")).isEqualTo("in-transit");
        assertThat(reply.text(ECHOED + "/st:insuredValue")).isEqualTo("12345678901234567890.123456789012");
        assertThat(reply.text(ECHOED + "/st:createdAt")).isEqualTo("2024-02-29T23:59:58.125+05:30");
        assertThat(reply.text(ECHOED + "/st:label")).isEqualTo("AAECA/+A");
    }

    @Test
    void echoKeepsOneParcelTheOtherChoiceAndPresentInstructions() {
        SoapReply reply = echo(shipment(parcel(false, 5, "1"), "<st:instructions>ring twice</st:instructions>",
                "<st:door signatureRequired=\"true\"><st:recipient>Grace</st:recipient></st:door>"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.count(ECHOED + "/st:parcel")).isEqualTo(1);
        assertThat(reply.text(ECHOED + "/st:instructions")).isEqualTo("ring twice");
        assertThat(reply.count(ECHOED + "/st:instructions/@xsi:nil")).isZero();
        assertThat(reply.text(ECHOED + "/st:door/@signatureRequired")).isEqualTo("true");
        assertThat(reply.text(ECHOED + "/st:door/st:recipient")).isEqualTo("Grace");
        assertThat(reply.count(ECHOED + "/st:locker")).isZero();
    }

    private static SoapReply weigh(String parcels, String traceId) {
        String header = traceId == null ? "" : "<sh:traceId " + NS + ">" + traceId + "</sh:traceId>";
        return SoapPost.soap11(desk, ACTION + "Weigh", header, "<sh:Weigh " + NS + ">" + parcels + "</sh:Weigh>");
    }

    @Test
    void weighTakesZeroOneOrManyParcelsAndReadsTheHeader() {
        String weighing = "/s11:Envelope/s11:Body/sh:WeighResponse/sh:weighing";
        SoapReply none = weigh("", "trace-0");
        SoapReply one = weigh("<sh:parcel><st:weightGrams>9007199254740993</st:weightGrams></sh:parcel>", null);
        SoapReply many = weigh("<sh:parcel><st:weightGrams>1</st:weightGrams></sh:parcel>"
                + "<sh:parcel><st:weightGrams>2</st:weightGrams></sh:parcel>"
                + "<sh:parcel><st:weightGrams>3</st:weightGrams></sh:parcel>", "trace-3");

        assertThat(none.status()).as(none.body()).isEqualTo(200);
        assertThat(none.text(weighing + "/st:count")).isEqualTo("0");
        assertThat(none.text(weighing + "/st:traceId")).isEqualTo("trace-0");
        assertThat(one.text(weighing + "/st:count")).isEqualTo("1");
        assertThat(one.text(weighing + "/st:totalGrams")).isEqualTo("9007199254740993");
        assertThat(one.count(weighing + "/st:traceId")).isZero();
        assertThat(many.text(weighing + "/st:count")).isEqualTo("3");
        assertThat(many.text(weighing + "/st:totalGrams")).isEqualTo("6");
        assertThat(many.text(weighing + "/st:traceId")).isEqualTo("trace-3");
    }

    @Test
    void findAnswersWithAbsentAndNilElementsApart() {
        SoapReply reply = SoapPost.soap11(desk, ACTION + "Find", "",
                "<sh:Find " + NS + "><sh:reference>PG-1</sh:reference></sh:Find>");
        String found = "/s11:Envelope/s11:Body/sh:FindResponse/sh:shipment";

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.text(found + "/st:trackingNumber")).isEqualTo(Long.toString(Long.MAX_VALUE));
        assertThat(reply.count(found + "/st:parcel")).isZero();
        assertThat(reply.text(found + "/st:instructions/@xsi:nil")).isEqualTo("true");
        assertThat(reply.count(found + "/st:insuredValue")).isZero();
    }

    @Test
    void anUnknownReferenceIsTheDeclaredFaultWithItsDetail() {
        SoapReply reply = SoapPost.soap11(desk, ACTION + "Find", "",
                "<sh:Find " + NS + "><sh:reference>PG-404</sh:reference></sh:Find>");
        String fault = "/s11:Envelope/s11:Body/s11:Fault";

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.text(fault + "/faultcode")).endsWith(":Server");
        assertThat(reply.text(fault + "/faultstring")).isEqualTo("shipment PG-404 not found");
        assertThat(reply.text(fault + "/detail/st:shipmentNotFound/@code")).isEqualTo("404");
        assertThat(reply.text(fault + "/detail/st:shipmentNotFound/st:reference")).isEqualTo("PG-404");
        assertThat(reply.text(fault + "/detail/st:shipmentNotFound/st:reason"))
                .isEqualTo("no shipment has this reference");
    }

    @Test
    void theSoap12PortAnswersInSoap12() {
        SoapReply reply = SoapPost.soap12(desk12, ACTION + "Weigh", "<sh:traceId " + NS + ">t12</sh:traceId>",
                "<sh:Weigh " + NS + "><sh:parcel><st:weightGrams>7</st:weightGrams></sh:parcel></sh:Weigh>");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/soap+xml");
        assertThat(reply.text("/s12:Envelope/s12:Body/sh:WeighResponse/sh:weighing/st:totalGrams")).isEqualTo("7");
        assertThat(reply.text("/s12:Envelope/s12:Body/sh:WeighResponse/sh:weighing/st:traceId")).isEqualTo("t12");
    }

    @Test
    void theSoap12FaultIsAReceiverFaultWithItsDetail() {
        SoapReply reply = SoapPost.soap12(desk12, ACTION + "Find", "",
                "<sh:Find " + NS + "><sh:reference>PG-404</sh:reference></sh:Find>");
        String fault = "/s12:Envelope/s12:Body/s12:Fault";

        assertThat(reply.status()).as(reply.body()).isEqualTo(500);
        assertThat(reply.text(fault + "/s12:Code/s12:Value")).endsWith(":Receiver");
        assertThat(reply.text(fault + "/s12:Reason/s12:Text")).isEqualTo("shipment PG-404 not found");
        assertThat(reply.text(fault + "/s12:Detail/st:shipmentNotFound/st:reference")).isEqualTo("PG-404");
    }

    @Test
    void aSoap11EnvelopeOnTheSoap12PortIsAnsweredInSoap11() {
        // CXF does not hold a port to its binding's SOAP version: it answers in the version it was asked in
        SoapReply reply = SoapPost.soap11(desk12, ACTION + "Weigh", "", "<sh:Weigh " + NS + "/>");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/xml");
        assertThat(reply.text("/s11:Envelope/s11:Body/sh:WeighResponse/sh:weighing/st:count")).isEqualTo("0");
    }

    @Test
    void anUnqualifiedWrapperChildIsRefusedAsAClientFault() {
        SoapReply reply = SoapPost.soap11(desk, ACTION + "Find", "",
                "<sh:Find " + NS + "><reference>PG-1</reference></sh:Find>");

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.text("/s11:Envelope/s11:Body/s11:Fault/faultcode")).endsWith(":Client");
        assertThat(reply.text("/s11:Envelope/s11:Body/s11:Fault/faultstring")).contains("Unmarshalling Error");
    }
}
