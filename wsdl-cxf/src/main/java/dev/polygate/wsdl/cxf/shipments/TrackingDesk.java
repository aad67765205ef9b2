package dev.polygate.wsdl.cxf.shipments;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;

/**
 * Tracking, document/literal BARE: the request's one part, {@code trackingQuery}, is the Body's child itself,
 * with no operation wrapper; the answer is {@code trackingReply}. The operation is found by the part's element
 * (or the SOAPAction), not by an element named after it.
 */
@WebService(name = "TrackingDesk", serviceName = "TrackingService", targetNamespace = ShipmentDesk.NAMESPACE)
@SOAPBinding(parameterStyle = SOAPBinding.ParameterStyle.BARE)
public final class TrackingDesk {

    /** Where a shipment is; the history only when asked for. */
    @WebMethod(operationName = "Locate", action = ShipmentDesk.NAMESPACE + "/Locate")
    @WebResult(name = "trackingReply", targetNamespace = ShipmentDesk.NAMESPACE)
    public TrackingReply locate(
            @WebParam(name = "trackingQuery", targetNamespace = ShipmentDesk.NAMESPACE) TrackingQuery query) {
        TrackingReply reply = new TrackingReply();
        reply.reference = query.reference;
        reply.status = ShipmentStatus.IN_TRANSIT;
        if (Boolean.TRUE.equals(query.withHistory)) {
            reply.events.add("label created");
            reply.events.add("picked up");
        }
        return reply;
    }
}
