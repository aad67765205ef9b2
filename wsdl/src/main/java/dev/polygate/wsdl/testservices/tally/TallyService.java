package dev.polygate.wsdl.testservices.tally;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;
import java.math.BigDecimal;

/**
 * Document/literal bare with empty messages: {@code Add} takes an {@code Entry} and answers an output message
 * without parts (an empty Body, not a one-way operation); {@code Clear} takes an input message without parts and
 * answers the total so far, which it resets. {@code Scale} takes a simple-typed part. The service name is
 * {@code Calculator}, as the classic Calculator's is, so two routes can expose both. Public and not final
 * because JAX-WS instantiates it.
 */
@WebService(serviceName = "Calculator", portName = "TallyPort", name = "TallyPortType",
        targetNamespace = TallyService.NAMESPACE)
@SOAPBinding(parameterStyle = SOAPBinding.ParameterStyle.BARE)
public class TallyService {

    /** The service's and its types' namespace. */
    public static final String NAMESPACE = "http://polygate.dev/test/tally";

    private BigDecimal total = BigDecimal.ZERO;

    /** Adds the entry's amount less its discount and rebate; answers nothing. */
    @WebMethod(operationName = "Add", action = NAMESPACE + "/Add")
    public synchronized void add(@WebParam(name = "Entry", targetNamespace = NAMESPACE) Entry entry) {
        BigDecimal amount = entry.amount == null ? BigDecimal.ZERO : entry.amount;
        for (BigDecimal less : new BigDecimal[] {entry.discount, entry.rebate}) {
            if (less != null) {
                amount = amount.subtract(less);
            }
        }
        total = total.add(amount);
    }

    /** Multiplies the total by the factor (a nil factor leaves it as it is) and answers it. */
    @WebMethod(operationName = "Scale", action = NAMESPACE + "/Scale")
    @WebResult(name = "Total", targetNamespace = NAMESPACE)
    public synchronized BigDecimal scale(@WebParam(name = "Factor", targetNamespace = NAMESPACE) BigDecimal factor) {
        if (factor != null) {
            total = total.multiply(factor);
        }
        return total;
    }

    /** Answers the total so far and starts again from zero; the request carries nothing. */
    @WebMethod(operationName = "Clear", action = NAMESPACE + "/Clear")
    @WebResult(name = "Total", targetNamespace = NAMESPACE)
    public synchronized BigDecimal clear() {
        BigDecimal answer = total;
        total = BigDecimal.ZERO;
        return answer;
    }
}
