package dev.polygate.wsdl.cxf.shipments;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlType;

/** The detail of the declared fault: which reference, and why. */
@XmlType(propOrder = {"reference", "reason"})
public final class NotFoundDetail {

    @XmlAttribute
    public Integer code;
    public String reference;
    public String reason;
}
