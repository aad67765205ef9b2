package dev.polygate.wsdl.cxf.shipments;

import jakarta.xml.bind.annotation.XmlEnum;
import jakarta.xml.bind.annotation.XmlEnumValue;

/** An enumeration written as an attribute. */
@XmlEnum
public enum Priority {
    @XmlEnumValue("standard") STANDARD,
    @XmlEnumValue("express") EXPRESS
}
