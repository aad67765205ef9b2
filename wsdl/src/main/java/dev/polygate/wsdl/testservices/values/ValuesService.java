package dev.polygate.wsdl.testservices.values;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Code-first, document/literal wrapped, SOAP 1.1: {@code Check} answers the values as received and counts the
 * call; {@code Calls} tells how many {@code Check} calls arrived. Public and not final because JAX-WS
 * instantiates it.
 */
@WebService(serviceName = "Values", portName = "ValuesPort", name = "ValuesPortType",
        targetNamespace = ValuesService.NAMESPACE)
public class ValuesService {

    /** The service's and its types' namespace. */
    public static final String NAMESPACE = "http://polygate.dev/test/values";

    private final AtomicLong checks = new AtomicLong();

    /** Answers the values as received. */
    @WebMethod(operationName = "Check", action = NAMESPACE + "/Check")
    @WebResult(name = "values", targetNamespace = NAMESPACE)
    public Sample check(@WebParam(name = "values", targetNamespace = NAMESPACE) Sample values) {
        checks.incrementAndGet();
        return values;
    }

    /** How many {@code Check} calls arrived, whatever they held. */
    @WebMethod(operationName = "Calls", action = NAMESPACE + "/Calls")
    @WebResult(name = "count", targetNamespace = NAMESPACE)
    public long calls() {
        return checks.get();
    }
}
