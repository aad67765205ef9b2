package dev.polygate.wsdl.cxf.shipments;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** Delivery to the door: the other branch of the shipment's choice. */
@XmlType(propOrder = {"recipient"})
public final class DoorDelivery {

    @XmlAttribute
    public Boolean signatureRequired;
    @XmlElement(required = true)
    public String recipient;
}
