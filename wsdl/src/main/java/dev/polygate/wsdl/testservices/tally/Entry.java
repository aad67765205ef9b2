package dev.polygate.wsdl.testservices.tally;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.math.BigDecimal;

/** One amount to add: required, with an optional discount and an optional, nillable rebate. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Entry", propOrder = {"amount", "discount", "rebate"})
public class Entry {

    /** minOccurs=1. */
    @XmlElement(required = true)
    public BigDecimal amount;

    /** minOccurs=0, not nillable: absent or a decimal. */
    @XmlElement
    public BigDecimal discount;

    /** minOccurs=0 and nillable: absent, nil or a decimal. */
    @XmlElement(nillable = true)
    public BigDecimal rebate;
}
