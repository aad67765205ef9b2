package dev.polygate.wsdl.cxf.shipments;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlType;
import java.math.BigDecimal;

/** One parcel of a shipment. */
@XmlType(propOrder = {"weightGrams", "declaredValue"})
public final class Parcel {

    @XmlAttribute
    public Boolean fragile;
    public long weightGrams;
    public BigDecimal declaredValue;
}
