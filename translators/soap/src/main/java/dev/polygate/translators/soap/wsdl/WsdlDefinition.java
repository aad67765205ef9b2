package dev.polygate.translators.soap.wsdl;

import dev.polygate.spi.ConfigException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.xml.namespace.QName;
import org.apache.ws.commons.schema.XmlSchemaCollection;

/**
 * A loaded WSDL 1.1: its SOAP services and the XML schemas their messages are described by. Built by
 * {@link WsdlImporter#load}.
 *
 * @param location        where the WSDL was read from (after redirects)
 * @param targetNamespace the WSDL's targetNamespace
 * @param services        the services with at least one SOAP port, in document order (imported documents after the
 *                        importing one)
 * @param schemas         every schema of {@code wsdl:types}, with everything they import and include; every element
 *                        and type named by a part resolves in it. Treat it as read-only: it is shared by whoever
 *                        uses this definition
 */
public record WsdlDefinition(URI location, String targetNamespace, List<WsdlService> services,
                             XmlSchemaCollection schemas) {

    public WsdlDefinition {
        Objects.requireNonNull(location, "location");
        targetNamespace = targetNamespace == null ? "" : targetNamespace;
        services = List.copyOf(services);
        Objects.requireNonNull(schemas, "schemas");
    }

    /**
     * The port the configuration chose. Names are local names or {@code {namespace}local}.
     *
     * @param serviceName the service, or null for any
     * @param portName    the port, or null for the first SOAP port (of the named service, or of the document)
     * @throws ConfigException naming what exists when nothing or more than one port matches
     */
    public WsdlPort port(String serviceName, String portName) throws ConfigException {
        List<WsdlService> candidates = services;
        if (serviceName != null) {
            candidates = services.stream().filter(s -> matches(s.name(), serviceName)).toList();
            if (candidates.isEmpty()) {
                throw new ConfigException("service", location + ": no service '" + serviceName
                        + "' with a SOAP port; services: " + names(services));
            }
            if (candidates.size() > 1) {
                throw new ConfigException("service", location + ": '" + serviceName
                        + "' is ambiguous; name it with its namespace: " + names(candidates));
            }
        }
        List<WsdlPort> ports = new ArrayList<>();
        for (WsdlService service : candidates) {
            for (WsdlPort port : service.ports()) {
                if (portName == null || port.name().equals(portName)) {
                    ports.add(port);
                }
            }
        }
        if (ports.isEmpty()) {
            String available = candidates.stream()
                    .map(s -> s.name().getLocalPart() + ": " + s.ports().stream().map(WsdlPort::name).toList())
                    .collect(Collectors.joining(", "));
            throw new ConfigException(portName == null ? "service" : "port", location + ": no SOAP port"
                    + (portName == null ? "" : " named '" + portName + "'") + "; SOAP ports by service: "
                    + (available.isEmpty() ? "none" : available));
        }
        if (portName != null && ports.size() > 1) {
            throw new ConfigException("port", location + ": several services have a port '" + portName
                    + "'; choose the service too: " + names(candidates));
        }
        return ports.get(0);
    }

    private static boolean matches(QName name, String wanted) {
        return wanted.startsWith("{") ? name.toString().equals(wanted) : name.getLocalPart().equals(wanted);
    }

    private static String names(List<WsdlService> services) {
        return services.stream().map(s -> s.name().toString()).collect(Collectors.joining(", ", "[", "]"));
    }
}
