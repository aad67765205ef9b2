package dev.polygate.wsdl.testservices.orders;

import jakarta.xml.bind.annotation.XmlEnum;
import jakarta.xml.bind.annotation.XmlEnumValue;
import jakarta.xml.bind.annotation.XmlType;

/** An xsd:string enumeration whose values are not Java identifiers. */
@XmlType(name = "OrderStatus")
@XmlEnum
public enum OrderStatus {
    @XmlEnumValue("new") NEW,
    @XmlEnumValue("on-hold") ON_HOLD,
    @XmlEnumValue("shipped") SHIPPED
}
