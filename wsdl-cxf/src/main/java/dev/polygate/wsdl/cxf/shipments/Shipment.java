package dev.polygate.wsdl.cxf.shipments;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElements;
import jakarta.xml.bind.annotation.XmlSchemaType;
import jakarta.xml.bind.annotation.XmlType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import javax.xml.datatype.XMLGregorianCalendar;

/**
 * One shipment: attributes (one an enum), a nested party, a repeated parcel (0..n), a nillable element, a
 * choice of delivery, an enum element, a long beyond 2^53, a decimal with more digits than a double holds, a
 * dateTime keeping its offset and fraction, and base64Binary. Public fields: JAXB reads and writes them.
 */
@XmlType(propOrder = {"trackingNumber", "sender", "parcels", "instructions", "delivery", "status",
        "insuredValue", "createdAt", "label"})
public final class Shipment {

    @XmlAttribute(required = true)
    public String reference;
    @XmlAttribute
    public Priority priority;
    @XmlElement(required = true)
    public long trackingNumber;
    @XmlElement(required = true)
    public Party sender;
    @XmlElement(name = "parcel")
    public List<Parcel> parcels = new ArrayList<>();
    /** Present but nil when there are none: {@code <instructions xsi:nil="true"/>}. */
    @XmlElement(required = true, nillable = true)
    public String instructions;
    @XmlElements({
        @XmlElement(name = "locker", type = LockerDelivery.class, required = true),
        @XmlElement(name = "door", type = DoorDelivery.class, required = true)
    })
    public Object delivery;
    @XmlElement(required = true)
    public ShipmentStatus status;
    public BigDecimal insuredValue;
    /** Without the schema type JAXB declares an XMLGregorianCalendar as xs:anySimpleType. */
    @XmlSchemaType(name = "dateTime")
    public XMLGregorianCalendar createdAt;
    public byte[] label;
}
