package dev.polygate.wsdl.cxf.shipments;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** Delivery to a parcel locker: one branch of the shipment's choice. */
@XmlType(propOrder = {"lockerId", "pin"})
public final class LockerDelivery {

    @XmlElement(required = true)
    public String lockerId;
    public int pin;
}
