package dev.polygate.wsdl.testservices.orders;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;

/** The detail of the OrderNotFound fault. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "OrderNotFound", propOrder = {"orderId", "reason"})
public class OrderNotFound {

    public long orderId;

    public String reason;

    /** For JAXB. */
    public OrderNotFound() {
    }

    OrderNotFound(long orderId, String reason) {
        this.orderId = orderId;
        this.reason = reason;
    }
}
