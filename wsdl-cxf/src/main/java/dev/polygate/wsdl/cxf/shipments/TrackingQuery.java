package dev.polygate.wsdl.cxf.shipments;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** The single body part of the bare {@code Locate} request. */
@XmlType(propOrder = {"reference"})
public final class TrackingQuery {

    @XmlAttribute
    public Boolean withHistory;
    @XmlElement(required = true)
    public String reference;
}
