package dev.polygate.wsdl.testservices.telemetry;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlSchemaType;
import jakarta.xml.bind.annotation.XmlType;
import javax.xml.datatype.XMLGregorianCalendar;

/** One sensor reading. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Reading", propOrder = {"sensor", "sequence", "value", "at"})
public class Reading {

    @XmlElement(required = true)
    public String sensor;

    public long sequence;

    public double value;

    @XmlSchemaType(name = "dateTime")
    public XMLGregorianCalendar at;
}
