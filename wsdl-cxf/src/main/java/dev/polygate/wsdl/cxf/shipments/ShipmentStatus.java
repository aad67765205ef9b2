package dev.polygate.wsdl.cxf.shipments;

import jakarta.xml.bind.annotation.XmlEnum;
import jakarta.xml.bind.annotation.XmlEnumValue;

/** An enumeration written as an element, its XML values not the Java names. */
@XmlEnum
public enum ShipmentStatus {
    @XmlEnumValue("label-created") LABEL_CREATED,
    @XmlEnumValue("in-transit") IN_TRANSIT,
    @XmlEnumValue("delivered") DELIVERED
}
