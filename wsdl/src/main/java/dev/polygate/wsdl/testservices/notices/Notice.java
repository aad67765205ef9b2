package dev.polygate.wsdl.testservices.notices;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** A notice: who sends it, what it says, and the sender's sequence number. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Notice", propOrder = {"source", "text", "sequence"})
public class Notice {

    @XmlElement(required = true)
    public String source;

    @XmlElement(required = true)
    public String text;

    public long sequence;
}
