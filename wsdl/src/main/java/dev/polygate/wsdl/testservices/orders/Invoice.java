package dev.polygate.wsdl.testservices.orders;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlType;

/** Payment by invoice: the other branch of the order's payment choice. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Invoice", propOrder = "reference")
public class Invoice {

    @XmlAttribute
    public Integer dueDays;

    public String reference;
}
