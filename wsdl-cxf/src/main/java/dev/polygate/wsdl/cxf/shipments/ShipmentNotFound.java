package dev.polygate.wsdl.cxf.shipments;

import jakarta.xml.ws.WebFault;

/** The declared fault of {@code Find}; CXF writes its {@link NotFoundDetail} into the fault's detail. */
@WebFault(name = "shipmentNotFound", targetNamespace = ShipmentDesk.TYPES)
public final class ShipmentNotFound extends Exception {

    private static final long serialVersionUID = 1L;

    private final NotFoundDetail detail;

    ShipmentNotFound(String message, NotFoundDetail detail) {
        super(message);
        this.detail = detail;
    }

    /** The fault detail, by the JAX-WS convention CXF follows. */
    public NotFoundDetail getFaultInfo() {
        return detail;
    }
}
