package dev.polygate.wsdl.cxf.shipments;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** The single body part of the bare {@code Locate} answer. */
@XmlType(propOrder = {"reference", "status", "events"})
public final class TrackingReply {

    @XmlElement(required = true)
    public String reference;
    @XmlElement(required = true)
    public ShipmentStatus status;
    @XmlElement(name = "event")
    public List<String> events = new ArrayList<>();
}
