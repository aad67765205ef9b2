package dev.polygate.translators.soap.wsdl;

import java.util.List;
import java.util.Objects;
import javax.xml.namespace.QName;

/**
 * A WSDL service with its SOAP ports, in document order. Ports with other bindings (HTTP GET/POST) are left out.
 *
 * @param name  the service's qualified name
 * @param ports its SOAP ports; never empty
 */
public record WsdlService(QName name, List<WsdlPort> ports) {
    public WsdlService {
        Objects.requireNonNull(name, "name");
        ports = List.copyOf(ports);
    }
}
