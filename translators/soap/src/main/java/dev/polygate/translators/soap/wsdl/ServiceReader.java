package dev.polygate.translators.soap.wsdl;

import dev.polygate.spi.ConfigException.Problem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.wsdl.Binding;
import javax.wsdl.Definition;
import javax.wsdl.Port;
import javax.wsdl.Service;
import javax.wsdl.extensions.soap.SOAPAddress;
import javax.wsdl.extensions.soap.SOAPBinding;
import javax.wsdl.extensions.soap12.SOAP12Address;
import javax.wsdl.extensions.soap12.SOAP12Binding;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/** Turns wsdl4j's services, ports and bindings into the model: SOAP ports only, in document order. */
final class ServiceReader {
    private final List<Definition> definitions;
    private final DocumentFetcher fetcher;
    private final OperationReader operations;
    private final Map<QName, List<WsdlOperation>> byBinding = new HashMap<>();
    private final Map<QName, String> bindingDocuments = new HashMap<>();

    ServiceReader(List<Definition> definitions, DocumentFetcher fetcher, OperationReader operations) {
        this.definitions = definitions;
        this.fetcher = fetcher;
        this.operations = operations;
        for (Definition definition : definitions) {
            for (Object name : definition.getBindings().keySet()) {
                bindingDocuments.putIfAbsent((QName) name, definition.getDocumentBaseURI());
            }
        }
    }

    List<WsdlService> read(List<Problem> problems) {
        List<WsdlService> services = new ArrayList<>();
        for (Definition definition : definitions) {
            Element root = DefinitionGraph.element(definition, fetcher);
            Map<String, Element> elements = new HashMap<>();
            if (root != null) {
                DefinitionGraph.children(root, "service").forEach(e -> elements.put(e.getAttribute("name"), e));
            }
            for (Service service : ServiceReader.<Service>inDocumentOrder(definition.getServices(), root, "service",
                    s -> ((Service) s).getQName().getLocalPart())) {
                List<WsdlPort> ports = new ArrayList<>();
                Element serviceElement = elements.get(service.getQName().getLocalPart());
                for (Port port : ServiceReader.<Port>inDocumentOrder(service.getPorts(), serviceElement, "port",
                        p -> ((Port) p).getName())) {
                    WsdlPort soapPort = port(definition, service, port, problems);
                    if (soapPort != null) {
                        ports.add(soapPort);
                    }
                }
                if (!ports.isEmpty()) {
                    services.add(new WsdlService(service.getQName(), ports));
                }
            }
        }
        return services;
    }

    private WsdlPort port(Definition definition, Service service, Port port, List<Problem> problems) {
        Binding binding = port.getBinding();
        if (binding == null || binding.isUndefined()) {
            problems.add(new Problem("", definition.getDocumentBaseURI() + ": port " + port.getName() + " of service "
                    + service.getQName().getLocalPart() + " names binding "
                    + (binding == null ? "(none)" : binding.getQName()) + ", which is not defined"));
            return null;
        }
        SoapVersion version = null;
        String style = null;
        for (Object extension : binding.getExtensibilityElements()) {
            if (extension instanceof SOAPBinding soap) {
                version = SoapVersion.SOAP_11;
                style = soap.getStyle();
            } else if (extension instanceof SOAP12Binding soap) {
                version = SoapVersion.SOAP_12;
                style = soap.getStyle();
            }
        }
        if (version == null) {
            return null; // an HTTP GET/POST or other non-SOAP binding: nothing to translate to
        }
        String bindingStyle = style;
        SoapVersion soapVersion = version;
        String document = bindingDocuments.getOrDefault(binding.getQName(), definition.getDocumentBaseURI());
        List<WsdlOperation> ops = byBinding.computeIfAbsent(binding.getQName(),
                name -> operations.read(document, binding, soapVersion, bindingStyle, problems));
        return new WsdlPort(port.getName(), version, address(port), binding.getQName(), ops);
    }

    private static URI address(Port port) {
        for (Object extension : port.getExtensibilityElements()) {
            String location = null;
            if (extension instanceof SOAPAddress address) {
                location = address.getLocationURI();
            } else if (extension instanceof SOAP12Address address) {
                location = address.getLocationURI();
            }
            if (location != null && !location.isBlank()) {
                try {
                    return new URI(location.trim());
                } catch (URISyntaxException e) {
                    return null; // placeholders such as "REPLACE WITH ACTUAL URL": the route names the endpoint
                }
            }
        }
        return null;
    }

    /** The values of a wsdl4j map ordered as the named children of {@code parent}; unknown ones last, by name. */
    @SuppressWarnings("unchecked")
    private static <T> List<T> inDocumentOrder(Map<?, ?> map, Element parent, String childName,
                                               java.util.function.Function<Object, String> nameOf) {
        Map<String, T> byName = new LinkedHashMap<>();
        map.values().stream()
                .sorted(Comparator.comparing(nameOf))
                .forEach(v -> byName.put(nameOf.apply(v), (T) v));
        List<T> ordered = new ArrayList<>();
        if (parent != null) {
            for (Element child : DefinitionGraph.children(parent, childName)) {
                T value = byName.remove(child.getAttribute("name"));
                if (value != null) {
                    ordered.add(value);
                }
            }
        }
        ordered.addAll(byName.values());
        return ordered;
    }
}
