package dev.polygate.translators.soap.wsdl;

import dev.polygate.spi.ConfigException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.wsdl.Definition;
import javax.wsdl.Import;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The WSDL documents of one import in document order: the root, then what each {@code wsdl:import} brings, depth
 * first, every document once (imports may be cyclic). wsdl4j keeps services, ports and imports in hash maps, so the
 * order (which decides the default port) is read from the documents themselves.
 */
final class DefinitionGraph {
    static final String WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";

    private final DocumentFetcher fetcher;
    private final Map<String, Definition> ordered = new LinkedHashMap<>();

    private DefinitionGraph(DocumentFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** Every definition reachable from {@code root}, root first. */
    static List<Definition> inOrder(Definition root, DocumentFetcher fetcher) {
        DefinitionGraph graph = new DefinitionGraph(fetcher);
        graph.visit(root);
        return List.copyOf(graph.ordered.values());
    }

    private void visit(Definition definition) {
        if (ordered.putIfAbsent(definition.getDocumentBaseURI(), definition) != null) {
            return;
        }
        Map<String, Definition> imported = new LinkedHashMap<>();
        for (Object list : definition.getImports().values()) {
            for (Object each : (Collection<?>) list) {
                Definition target = ((Import) each).getDefinition();
                if (target != null) {
                    imported.put(target.getDocumentBaseURI(), target);
                }
            }
        }
        Element root = element(definition, fetcher);
        if (root != null) {
            for (Element imp : children(root, "import")) {
                Definition target = imported.remove(finalUri(definition, imp.getAttribute("location")));
                if (target != null) {
                    visit(target);
                }
            }
        }
        imported.values().forEach(this::visit);
    }

    private String finalUri(Definition importer, String location) {
        try {
            URI resolved = DocumentFetcher.resolve(URI.create(importer.getDocumentBaseURI()), location);
            DocumentFetcher.Fetched known = fetcher.known(resolved);
            return known == null ? resolved.toString() : known.uri().toString();
        } catch (ConfigException | IllegalArgumentException e) {
            return location;
        }
    }

    /** The {@code wsdl:definitions} element we parsed for {@code definition}, or null if unknown. */
    static Element element(Definition definition, DocumentFetcher fetcher) {
        try {
            DocumentFetcher.Fetched fetched = fetcher.known(URI.create(definition.getDocumentBaseURI()));
            return fetched == null ? null : fetched.document().getDocumentElement();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The child elements of {@code parent} in the WSDL namespace with that local name, in order. */
    static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && WSDL_NS.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }
}
