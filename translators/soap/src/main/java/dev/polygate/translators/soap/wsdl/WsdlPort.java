package dev.polygate.translators.soap.wsdl;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.xml.namespace.QName;

/**
 * A port with a SOAP 1.1 or 1.2 binding: where to send requests and which operations it offers.
 *
 * @param name       the port name, unique in its service
 * @param version    the SOAP version of the binding
 * @param address    {@code soap:address@location}; null when absent or not a URI (the route then has to name the
 *                   endpoint)
 * @param binding    the binding's qualified name
 * @param operations the binding's operations, in document order
 */
public record WsdlPort(String name, SoapVersion version, URI address, QName binding, List<WsdlOperation> operations) {
    public WsdlPort {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(binding, "binding");
        operations = List.copyOf(operations);
    }

    /** The operation of that name. */
    public Optional<WsdlOperation> operation(String operationName) {
        return operations.stream().filter(o -> o.name().equals(operationName)).findFirst();
    }
}
