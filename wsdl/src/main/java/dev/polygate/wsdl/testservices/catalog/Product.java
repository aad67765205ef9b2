package dev.polygate.wsdl.testservices.catalog;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** The {@code Product} type of the types schema. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Product", propOrder = {"sku", "name", "price", "tags"})
public class Product {

    @XmlElement(required = true)
    public String sku;

    @XmlElement(required = true)
    public String name;

    @XmlElement(required = true)
    public Money price;

    @XmlElement(name = "tag")
    public List<String> tags = new ArrayList<>();
}
