package dev.polygate.wsdl.testservices.orders;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** The customer of an order, with a nested address. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Customer", propOrder = {"name", "address"})
public class Customer {

    @XmlElement(required = true)
    public String name;

    public Address address;
}
