package dev.polygate.wsdl.calculator;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;

/** The detail of the Divide fault: the dividend that was to be divided by zero. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "", propOrder = "dividend")
public class DivideByZero {

    @XmlElement(required = true)
    private int dividend;

    /** For JAXB. */
    public DivideByZero() {
    }

    /** A detail naming the dividend. */
    public DivideByZero(int dividend) {
        this.dividend = dividend;
    }

    /** The dividend of the refused division. */
    public int getDividend() {
        return dividend;
    }

    /** For JAXB. */
    public void setDividend(int dividend) {
        this.dividend = dividend;
    }
}
