package dev.polygate.wsdl.calculator;

import jakarta.xml.ws.WebFault;

/** The declared {@code DivideByZero} fault of Divide; JAX-WS renders its fault info as the fault's detail. */
@WebFault(name = "DivideByZero", targetNamespace = CalculatorSoap.NAMESPACE)
public class DivideByZeroFault extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient DivideByZero faultInfo;

    /** A fault with its detail. */
    public DivideByZeroFault(String message, DivideByZero faultInfo) {
        super(message);
        this.faultInfo = faultInfo;
    }

    /** The form JAX-WS expects of a mapped fault exception. */
    public DivideByZeroFault(String message, DivideByZero faultInfo, Throwable cause) {
        super(message, cause);
        this.faultInfo = faultInfo;
    }

    /** The detail element's content. */
    public DivideByZero getFaultInfo() {
        return faultInfo;
    }
}
