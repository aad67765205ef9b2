package dev.polygate.wsdl.cxf.shipments;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import java.util.List;

/**
 * Shipments, document/literal wrapped: {@code Echo} sends a shipment back as it was read, {@code Weigh} takes a
 * repeated parameter and a {@code traceId} SOAP header, {@code Find} declares a fault with a detail. Published on
 * SOAP 1.1 and on SOAP 1.2 by {@link ShipmentServices}.
 */
@WebService(name = "ShipmentDesk", serviceName = "ShipmentService", targetNamespace = ShipmentDesk.NAMESPACE)
public final class ShipmentDesk {

    /** The service namespace: operations and their wrapper elements. */
    public static final String NAMESPACE = "http://polygate.dev/test/cxf/shipments";
    /** The types namespace: every element inside a shipment. */
    public static final String TYPES = "http://polygate.dev/test/cxf/shipments/types";
    /** The one reference {@code Find} knows. */
    public static final String KNOWN_REFERENCE = "PG-1";

    /** The shipment back, unchanged: every construct makes a round trip through CXF's JAXB. */
    @WebMethod(operationName = "Echo", action = NAMESPACE + "/Echo")
    @WebResult(name = "shipment")
    public Shipment echo(@WebParam(name = "shipment") Shipment shipment) {
        return shipment;
    }

    /** Counts and weighs 0, 1 or many parcels; the trace id comes from a header, not the body. */
    @WebMethod(operationName = "Weigh", action = NAMESPACE + "/Weigh")
    @WebResult(name = "weighing")
    public Weighing weigh(@WebParam(name = "parcel") List<Parcel> parcels,
            @WebParam(name = "traceId", header = true, targetNamespace = NAMESPACE) String traceId) {
        Weighing weighing = new Weighing();
        weighing.count = parcels == null ? 0 : parcels.size();
        weighing.totalGrams = parcels == null ? 0 : parcels.stream().mapToLong(p -> p.weightGrams).sum();
        weighing.traceId = traceId;
        return weighing;
    }

    /** The shipment {@value #KNOWN_REFERENCE}; any other reference is the declared fault. */
    @WebMethod(operationName = "Find", action = NAMESPACE + "/Find")
    @WebResult(name = "shipment")
    public Shipment find(@WebParam(name = "reference") String reference) throws ShipmentNotFound {
        if (!KNOWN_REFERENCE.equals(reference)) {
            NotFoundDetail detail = new NotFoundDetail();
            detail.code = 404;
            detail.reference = reference;
            detail.reason = "no shipment has this reference";
            throw new ShipmentNotFound("shipment " + reference + " not found", detail);
        }
        Shipment shipment = new Shipment();
        shipment.reference = reference;
        shipment.priority = Priority.EXPRESS;
        shipment.trackingNumber = Long.MAX_VALUE;
        shipment.sender = new Party();
        shipment.sender.name = "Polygate";
        shipment.sender.address = new Party.Address();
        shipment.sender.address.country = "FR";
        shipment.sender.address.street = "1 rue du Port";
        shipment.sender.address.city = "Nantes";
        shipment.status = ShipmentStatus.IN_TRANSIT;
        return shipment;
    }
}
