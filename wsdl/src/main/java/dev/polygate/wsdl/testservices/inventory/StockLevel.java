package dev.polygate.wsdl.testservices.inventory;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** The stock of one item. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "StockLevel", propOrder = {"sku", "available"})
public class StockLevel {

    /** How many warehouses were counted. */
    @XmlAttribute
    public int warehouses;

    @XmlElement(required = true)
    public String sku;

    public long available;
}
