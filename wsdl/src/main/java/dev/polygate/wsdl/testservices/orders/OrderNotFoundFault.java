package dev.polygate.wsdl.testservices.orders;

import jakarta.xml.ws.WebFault;

/** A declared fault: JAX-WS lists it in the WSDL and renders its info as the fault detail. */
@WebFault(name = "OrderNotFound", targetNamespace = OrdersService.TYPES_NAMESPACE)
public class OrderNotFoundFault extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient OrderNotFound faultInfo;

    /** A fault with its detail. */
    public OrderNotFoundFault(String message, OrderNotFound faultInfo) {
        super(message);
        this.faultInfo = faultInfo;
    }

    /** The form JAX-WS expects of a mapped fault exception. */
    public OrderNotFoundFault(String message, OrderNotFound faultInfo, Throwable cause) {
        super(message, cause);
        this.faultInfo = faultInfo;
    }

    /** The detail element's content. */
    public OrderNotFound getFaultInfo() {
        return faultInfo;
    }
}
