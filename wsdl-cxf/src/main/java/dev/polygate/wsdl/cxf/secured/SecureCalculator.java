package dev.polygate.wsdl.cxf.secured;

import jakarta.annotation.Resource;
import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.xml.ws.WebServiceContext;
import java.security.Principal;

/**
 * A calculator that only answers callers WSS4J has authenticated by a UsernameToken: document/literal wrapped,
 * SOAP 1.1. {@code WhoAmI} returns the user name CXF took from the verified token, which shows that the
 * identity reached the service and not only that the request got through.
 *
 * <p>Public because CXF instantiates nothing but invokes it by reflection and generates its WSDL from it.
 */
@WebService(name = "SecureCalculator", serviceName = "SecureCalculatorService",
        targetNamespace = SecureCalculator.NAMESPACE)
public final class SecureCalculator {

    /** The target namespace of the service and of its wrapper elements. */
    public static final String NAMESPACE = "http://polygate.dev/test/cxf/secure";

    @Resource
    private WebServiceContext context;

    /** The sum of two integers; long, so that no test result overflows. */
    @WebMethod(operationName = "Add", action = NAMESPACE + "/Add")
    @WebResult(name = "sum")
    public long add(@WebParam(name = "a") long a, @WebParam(name = "b") long b) {
        return a + b;
    }

    /** The authenticated user's name. */
    @WebMethod(operationName = "WhoAmI", action = NAMESPACE + "/WhoAmI")
    @WebResult(name = "user")
    public String whoAmI() {
        Principal principal = context.getUserPrincipal();
        return principal == null ? "" : principal.getName();
    }
}
