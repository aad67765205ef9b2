package dev.polygate.wsdl.testservices.telemetry;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlSchemaType;
import jakarta.xml.bind.annotation.XmlType;
import javax.xml.datatype.XMLGregorianCalendar;

/** The acknowledgement of a reading. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Ack", propOrder = {"sequence", "at"})
public class Ack {

    public long sequence;

    /** The reading's time, echoed. */
    @XmlSchemaType(name = "dateTime")
    public XMLGregorianCalendar at;
}
