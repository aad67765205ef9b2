package dev.polygate.wsdl.calculator;

import jakarta.jws.WebService;

/**
 * The Calculator implementation, bound to the static contract. Public and not final because JAX-WS
 * instantiates and proxies it; the SOAP 1.2 port reuses this class with its port name set at publication.
 */
@WebService(
        serviceName = "Calculator",
        portName = "CalculatorSoap",
        targetNamespace = CalculatorSoap.NAMESPACE,
        endpointInterface = "dev.polygate.wsdl.calculator.CalculatorSoap",
        wsdlLocation = CalculatorEndpoint.WSDL_RESOURCE)
public class CalculatorEndpoint implements CalculatorSoap {

    /** The class-path location of the contract. */
    public static final String WSDL_RESOURCE = "dev/polygate/wsdl/calculator/calculator.wsdl";

    // Exact int arithmetic would throw on overflow; the classic service wraps, and so does this one.
    @Override
    public int add(int intA, int intB) {
        return intA + intB;
    }

    @Override
    public int subtract(int intA, int intB) {
        return intA - intB;
    }

    @Override
    public int multiply(int intA, int intB) {
        return intA * intB;
    }

    @Override
    public int divide(int intA, int intB) throws DivideByZeroFault {
        if (intB == 0) {
            throw new DivideByZeroFault("Attempted to divide by zero.", new DivideByZero(intA));
        }
        return intA / intB;
    }
}
