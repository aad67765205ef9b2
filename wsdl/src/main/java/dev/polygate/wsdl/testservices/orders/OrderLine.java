package dev.polygate.wsdl.testservices.orders;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.math.BigDecimal;

/** One line of an order. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "OrderLine", propOrder = {"sku", "quantity", "unitPrice"})
public class OrderLine {

    /** An attribute beside elements. */
    @XmlAttribute
    public Boolean gift;

    @XmlElement(required = true)
    public String sku;

    public int quantity;

    @XmlElement(required = true)
    public BigDecimal unitPrice;

    /** For JAXB. */
    public OrderLine() {
    }

    OrderLine(String sku, int quantity, BigDecimal unitPrice) {
        this.sku = sku;
        this.quantity = quantity;
        this.unitPrice = unitPrice;
    }
}
