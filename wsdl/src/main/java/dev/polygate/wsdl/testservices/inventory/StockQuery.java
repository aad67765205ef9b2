package dev.polygate.wsdl.testservices.inventory;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** Which item to count, in which warehouses (none: all). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "StockQuery", propOrder = {"sku", "warehouses"})
public class StockQuery {

    @XmlElement(required = true)
    public String sku;

    @XmlElement(name = "warehouse")
    public List<String> warehouses = new ArrayList<>();
}
