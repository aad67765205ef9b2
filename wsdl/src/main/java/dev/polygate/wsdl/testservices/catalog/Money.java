package dev.polygate.wsdl.testservices.catalog;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.bind.annotation.XmlValue;
import java.math.BigDecimal;

/** The chameleon-included {@code Money}: a decimal with a currency attribute (simple content). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Money")
public class Money {

    @XmlValue
    public BigDecimal amount;

    @XmlAttribute(required = true)
    public String currency;
}
