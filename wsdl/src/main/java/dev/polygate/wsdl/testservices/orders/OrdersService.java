package dev.polygate.wsdl.testservices.orders;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.xml.ws.Holder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Code-first, document/literal wrapped, SOAP 1.1; JAX-WS generates its WSDL at {@code ?wsdl} with the
 * schemas at {@code ?xsd=N}. Public and not final because JAX-WS instantiates it.
 */
@WebService(serviceName = "Orders", portName = "OrdersPort", name = "OrdersPortType",
        targetNamespace = OrdersService.NAMESPACE)
public class OrdersService {

    /** The service's namespace: operation wrappers and the header. */
    public static final String NAMESPACE = "http://polygate.dev/test/orders";
    /** The data types' namespace. */
    public static final String TYPES_NAMESPACE = "http://polygate.dev/test/orders/types";

    /**
     * Answers the order as received, so every construct can be checked on the way in and back out; the
     * {@code Tracking} request header comes back as the {@code TrackingEcho} response header.
     */
    @WebMethod(operationName = "EchoOrder", action = NAMESPACE + "/EchoOrder")
    @WebResult(name = "order")
    public Order echoOrder(
            @WebParam(name = "order") Order order,
            @WebParam(name = "Tracking", header = true) String tracking,
            @WebParam(name = "TrackingEcho", header = true, mode = WebParam.Mode.OUT) Holder<String> trackingEcho) {
        trackingEcho.value = tracking == null ? "none" : "seen:" + tracking;
        return order;
    }

    /** Answers {@code count} lines: an array of 0, 1 or many items at the top of the answer. */
    @WebMethod(operationName = "ListLines", action = NAMESPACE + "/ListLines")
    @WebResult(name = "line")
    public List<OrderLine> listLines(@WebParam(name = "count") int count) {
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 1; i <= Math.min(count, 1000); i++) {
            lines.add(new OrderLine("SKU-" + i, i, new BigDecimal("0.01").multiply(BigDecimal.valueOf(i))));
        }
        return lines;
    }

    /** Sums decimals exactly: a repeated input part, and a result that must not pass through a double. */
    @WebMethod(operationName = "Sum", action = NAMESPACE + "/Sum")
    @WebResult(name = "total")
    public BigDecimal sum(@WebParam(name = "amount") List<BigDecimal> amounts) {
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal amount : amounts == null ? List.<BigDecimal>of() : amounts) {
            total = total.add(amount);
        }
        return total;
    }

    /** Only order 1 exists; any other id answers the declared {@code OrderNotFound} fault. */
    @WebMethod(operationName = "CancelOrder", action = NAMESPACE + "/CancelOrder")
    @WebResult(name = "cancelled")
    public boolean cancelOrder(@WebParam(name = "orderId") long orderId) throws OrderNotFoundFault {
        if (orderId != 1) {
            throw new OrderNotFoundFault("no order " + orderId, new OrderNotFound(orderId, "unknown order"));
        }
        return true;
    }
}
