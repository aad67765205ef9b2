package dev.polygate.wsdl.cxf.shipments;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** A sender: a name and a nested address. */
@XmlType(propOrder = {"name", "address"})
public final class Party {

    @XmlElement(required = true)
    public String name;
    @XmlElement(required = true)
    public Address address;

    /** A postal address; the country is an attribute. */
    @XmlType(name = "Address", propOrder = {"street", "city"})
    public static final class Address {
        @XmlAttribute(required = true)
        public String country;
        @XmlElement(required = true)
        public String street;
        @XmlElement(required = true)
        public String city;
    }
}
