package dev.polygate.wsdl.testservices.legacy;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.jws.soap.SOAPBinding;

/**
 * RPC/literal, SOAP 1.1: the Body child is named after the operation in the service namespace, its
 * children are the parts, unqualified, typed (not element-based). The array result uses the type JAX-WS
 * generates for Java arrays in rpc style, from a namespace of its own. Public and not final because JAX-WS
 * instantiates it.
 */
@WebService(serviceName = "Legacy", portName = "LegacyPort", name = "LegacyPortType",
        targetNamespace = LegacyService.NAMESPACE)
@SOAPBinding(style = SOAPBinding.Style.RPC)
public class LegacyService {

    /** The service namespace, also the rpc wrapper's namespace. */
    public static final String NAMESPACE = "http://polygate.dev/test/legacy";

    /** Two simple parts in, one out. */
    @WebMethod(operationName = "addNumbers", action = NAMESPACE + "/addNumbers")
    @WebResult(name = "sum", partName = "sum")
    public int addNumbers(@WebParam(name = "a", partName = "a") int a,
                          @WebParam(name = "b", partName = "b") int b) {
        return a + b;
    }

    /** A complex-typed part out. */
    @WebMethod(operationName = "findPerson", action = NAMESPACE + "/findPerson")
    @WebResult(name = "person", partName = "person")
    public Person findPerson(@WebParam(name = "id", partName = "id") long id) {
        Person person = new Person();
        person.id = id;
        person.name = "Person " + id;
        person.age = (int) (id % 100);
        return person;
    }

    /** An array part out: {@code count} tags. */
    @WebMethod(operationName = "tags", action = NAMESPACE + "/tags")
    @WebResult(name = "tags", partName = "tags")
    public String[] tags(@WebParam(name = "count", partName = "count") int count) {
        String[] tags = new String[Math.max(0, Math.min(count, 1000))];
        for (int i = 0; i < tags.length; i++) {
            tags[i] = "tag" + (i + 1);
        }
        return tags;
    }
}
