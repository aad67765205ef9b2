package dev.polygate.wsdl.testservices.orders;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElements;
import jakarta.xml.bind.annotation.XmlSchemaType;
import jakarta.xml.bind.annotation.XmlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import javax.xml.datatype.XMLGregorianCalendar;

/** An order: one of every XSD construct the gateway's schema compiler has to get right. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Order", propOrder = {"id", "customer", "lines", "note", "comment", "payment", "status", "total",
        "serial", "placedAt", "deliverOn", "signature"})
public class Order {

    /** Attribute, required. */
    @XmlAttribute(required = true)
    public String currency;

    /** Attribute, optional. */
    @XmlAttribute
    public Integer revision;

    /** xsd:long: values past 2^53 must survive. */
    public long id;

    /** A nested complex type that nests another. */
    @XmlElement(required = true)
    public Customer customer;

    /** minOccurs=0 maxOccurs=unbounded: an array even with one item. */
    @XmlElement(name = "line")
    public List<OrderLine> lines = new ArrayList<>();

    /** Required but nillable: present as {@code xsi:nil="true"} when null. */
    @XmlElement(required = true, nillable = true)
    public String note;

    /** Optional and not nillable: absent when null. */
    public String comment;

    /** xsd:choice between a card and an invoice. */
    @XmlElements({
            @XmlElement(name = "card", type = Card.class),
            @XmlElement(name = "invoice", type = Invoice.class)})
    public Object payment;

    /** An enumeration whose XML values differ from the Java names. */
    @XmlElement(required = true)
    public OrderStatus status;

    /** xsd:decimal: every digit must survive. */
    @XmlElement(required = true)
    public BigDecimal total;

    /** xsd:integer, unbounded. */
    public BigInteger serial;

    /** xsd:dateTime with its offset. */
    @XmlSchemaType(name = "dateTime")
    public XMLGregorianCalendar placedAt;

    /** xsd:date. */
    @XmlSchemaType(name = "date")
    public XMLGregorianCalendar deliverOn;

    /** xsd:base64Binary. */
    public byte[] signature;
}
