package dev.polygate.wsdl.testservices.values;

import jakarta.xml.bind.annotation.XmlEnum;
import jakarta.xml.bind.annotation.XmlEnumValue;
import jakarta.xml.bind.annotation.XmlType;

/** An xsd:string enumeration. */
@XmlType(name = "Colour")
@XmlEnum
public enum Colour {
    @XmlEnumValue("red") RED,
    @XmlEnumValue("green") GREEN
}
