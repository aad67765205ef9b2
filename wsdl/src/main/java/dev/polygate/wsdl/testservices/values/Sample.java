package dev.polygate.wsdl.testservices.values;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlSchemaType;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.bind.annotation.adapters.HexBinaryAdapter;
import jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import javax.xml.datatype.Duration;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/** One optional element of every XSD built-in simple type (objects, so each may be left out), and a few more. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Sample")
public class Sample {
    public BigDecimal aDecimal;
    public BigInteger anInteger;
    @XmlSchemaType(name = "positiveInteger")
    public BigInteger aPositiveInteger;
    @XmlSchemaType(name = "nonNegativeInteger")
    public BigInteger aNonNegativeInteger;
    @XmlSchemaType(name = "negativeInteger")
    public BigInteger aNegativeInteger;
    @XmlSchemaType(name = "nonPositiveInteger")
    public BigInteger aNonPositiveInteger;
    public Byte aByte;
    public Short aShort;
    public Integer anInt;
    public Long aLong;
    @XmlSchemaType(name = "unsignedByte")
    public Short anUnsignedByte;
    @XmlSchemaType(name = "unsignedShort")
    public Integer anUnsignedShort;
    @XmlSchemaType(name = "unsignedInt")
    public Long anUnsignedInt;
    @XmlSchemaType(name = "unsignedLong")
    public BigInteger anUnsignedLong;
    public Boolean aBoolean;
    public Float aFloat;
    public Double aDouble;
    @XmlSchemaType(name = "date")
    public XMLGregorianCalendar aDate;
    @XmlSchemaType(name = "dateTime")
    public XMLGregorianCalendar aDateTime;
    @XmlSchemaType(name = "time")
    public XMLGregorianCalendar aTime;
    public Duration aDuration;
    @XmlSchemaType(name = "gYear")
    public XMLGregorianCalendar aGYear;
    @XmlSchemaType(name = "gYearMonth")
    public XMLGregorianCalendar aGYearMonth;
    @XmlSchemaType(name = "gMonth")
    public XMLGregorianCalendar aGMonth;
    @XmlSchemaType(name = "gMonthDay")
    public XMLGregorianCalendar aGMonthDay;
    @XmlSchemaType(name = "gDay")
    public XMLGregorianCalendar aGDay;
    public byte[] aBase64Binary;
    @XmlSchemaType(name = "hexBinary")
    @XmlJavaTypeAdapter(HexBinaryAdapter.class)
    public byte[] aHexBinary;
    @XmlSchemaType(name = "anyURI")
    public String anAnyURI;
    public QName aQName;
    public String aString;
    public Colour aColour;
    /** Up to any number of decimals. */
    @XmlElement(name = "decimal")
    public List<BigDecimal> decimals = new ArrayList<>();
    /** A nillable decimal: present as xsi:nil when null. */
    @XmlElement(nillable = true)
    public BigDecimal aNillableDecimal;
    /** An attribute of a simple type with a lexical form to keep. */
    @XmlAttribute
    public BigDecimal anAttributeDecimal;
    /** xs:any: elements of other namespaces, kept as they came. */
    @XmlAnyElement
    public List<Element> extras = new ArrayList<>();
}
