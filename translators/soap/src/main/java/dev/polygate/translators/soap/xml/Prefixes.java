package dev.polygate.translators.soap.xml;

import javax.xml.namespace.NamespaceContext;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Prefix bookkeeping for a non-repairing {@link XMLStreamWriter}: a namespace gets the prefix already in scope, or
 * a new {@code ns1}, {@code ns2}, ... declared on the current element. The default namespace is never declared,
 * so unqualified elements stay unqualified wherever they are written.
 */
final class Prefixes {
    /** The prefixes a usual envelope needs, not spelled out again for each one. */
    private static final String[] NUMBERED = {"ns1", "ns2", "ns3", "ns4", "ns5", "ns6", "ns7", "ns8", "ns9"};

    private Prefixes() {
    }

    /** Starts an element in {@code namespace} ("" = no namespace), declaring a prefix if none is in scope. */
    static void startElement(XMLStreamWriter out, String namespace, String local) throws XMLStreamException {
        if (namespace.isEmpty()) {
            out.writeStartElement("", local, "");
            return;
        }
        String prefix = bound(out, namespace);
        if (prefix != null) {
            out.writeStartElement(prefix, local, namespace);
            return;
        }
        prefix = fresh(out);
        out.writeStartElement(prefix, local, namespace);
        declare(out, prefix, namespace);
    }

    /** A prefix for {@code namespace} usable on the element just started (attributes, QName values). */
    static String prefixFor(XMLStreamWriter out, String namespace) throws XMLStreamException {
        String prefix = bound(out, namespace);
        if (prefix == null) {
            String uri = out.getNamespaceContext().getNamespaceURI("xsi");
            // xsi:nil is what every reader of SOAP expects to see, so that namespace keeps its usual prefix
            prefix = XmlOptions.XSI.equals(namespace) && (uri == null || uri.isEmpty()) ? "xsi" : fresh(out);
            declare(out, prefix, namespace);
        }
        return prefix;
    }

    /** Writes the declaration and binds it for the element's scope (a non-repairing writer may not do both). */
    static void declare(XMLStreamWriter out, String prefix, String namespace) throws XMLStreamException {
        out.writeNamespace(prefix, namespace);
        out.setPrefix(prefix, namespace);
    }

    private static String bound(XMLStreamWriter out, String namespace) {
        String prefix = out.getNamespaceContext().getPrefix(namespace);
        // An empty prefix would be the default namespace, which attributes cannot use.
        return prefix == null || prefix.isEmpty() ? null : prefix;
    }

    private static String fresh(XMLStreamWriter out) {
        NamespaceContext context = out.getNamespaceContext();
        for (int i = 1; ; i++) {
            String prefix = i <= NUMBERED.length ? NUMBERED[i - 1] : "ns" + i;
            String uri = context.getNamespaceURI(prefix);
            if (uri == null || uri.isEmpty()) {
                return prefix;
            }
        }
    }
}
