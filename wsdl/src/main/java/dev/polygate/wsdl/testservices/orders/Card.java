package dev.polygate.wsdl.testservices.orders;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;

/** Payment by card: one branch of the order's payment choice. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Card", propOrder = {"holder", "last4"})
public class Card {

    public String holder;

    public String last4;
}
