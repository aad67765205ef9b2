package dev.polygate.translators.soap.xml;

import java.io.StringReader;
import java.io.StringWriter;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Elements carried as XML text (xs:any values, SOAP headers, fault details): copied event by event, so the text is
 * checked to be one well-formed element and is re-serialized with the namespace declarations it needs.
 */
final class RawXml {
    private RawXml() {
    }

    /**
     * Writes the single element in {@code xml} to {@code out}; {@code rootAttribute} (nullable, namespace,
     * local, value) is added to the root element, e.g. a SOAP mustUnderstand.
     */
    static void copy(String xml, XMLStreamWriter out, String[] rootAttribute) throws XMLStreamException {
        XMLStreamReader in = StaxFactories.input().createXMLStreamReader(new StringReader(xml));
        try {
            int depth = 0;
            boolean seenRoot = false;
            while (in.hasNext()) {
                int event = in.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw new XMLStreamException("DTDs are not allowed in XML values");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (depth == 0 && seenRoot) {
                            throw new XMLStreamException("XML value has more than one root element");
                        }
                        seenRoot = true;
                        startElement(in, out);
                        if (depth == 0 && rootAttribute != null) {
                            out.writeAttribute(Prefixes.prefixFor(out, rootAttribute[0]), rootAttribute[0], rootAttribute[1],
                                    rootAttribute[2]);
                        }
                        depth++;
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        out.writeEndElement();
                        depth--;
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE -> {
                        if (depth > 0) {
                            out.writeCharacters(in.getText());
                        } else if (!in.isWhiteSpace()) {
                            throw new XMLStreamException("XML value has text outside its element");
                        }
                    }
                    case XMLStreamConstants.CDATA -> out.writeCData(in.getText());
                    default -> {
                        // comments and processing instructions carry nothing a backend may rely on
                    }
                }
            }
            if (!seenRoot) {
                throw new XMLStreamException("XML value has no element");
            }
        } finally {
            in.close();
        }
    }

    /** Copies the element the reader is on, up to its end tag (left current), into a standalone string. */
    static String capture(XMLStreamReader in) throws XMLStreamException {
        StringWriter text = new StringWriter();
        XMLStreamWriter out = StaxFactories.output().createXMLStreamWriter(text);
        int depth = 0;
        do {
            switch (in.getEventType()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    startElement(in, out);
                    depth++;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    out.writeEndElement();
                    depth--;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE -> out.writeCharacters(in.getText());
                case XMLStreamConstants.CDATA -> out.writeCData(in.getText());
                default -> {
                }
            }
            if (depth == 0) {
                break;
            }
            in.next();
        } while (true);
        out.close();
        return text.toString();
    }

    /**
     * Starts the reader's current element on the writer with the element's own declarations, plus those of
     * prefixes it uses that were declared further out (a captured element must stand alone).
     */
    private static void startElement(XMLStreamReader in, XMLStreamWriter out) throws XMLStreamException {
        String prefix = in.getPrefix() == null ? "" : in.getPrefix();
        String namespace = in.getNamespaceURI() == null ? "" : in.getNamespaceURI();
        out.writeStartElement(prefix, in.getLocalName(), namespace);
        for (int i = 0; i < in.getNamespaceCount(); i++) {
            String declared = in.getNamespacePrefix(i);
            String uri = in.getNamespaceURI(i) == null ? "" : in.getNamespaceURI(i);
            if (declared == null || declared.isEmpty()) {
                out.writeDefaultNamespace(uri);
            } else {
                out.writeNamespace(declared, uri);
            }
            out.setPrefix(declared == null ? "" : declared, uri);
        }
        ensureBound(out, prefix, namespace);
        for (int i = 0; i < in.getAttributeCount(); i++) {
            String attributePrefix = in.getAttributePrefix(i) == null ? "" : in.getAttributePrefix(i);
            String attributeNamespace = in.getAttributeNamespace(i) == null ? "" : in.getAttributeNamespace(i);
            if (!attributeNamespace.isEmpty()) {
                ensureBound(out, attributePrefix, attributeNamespace);
            }
            out.writeAttribute(attributePrefix, attributeNamespace, in.getAttributeLocalName(i), in.getAttributeValue(i));
        }
    }

    private static void ensureBound(XMLStreamWriter out, String prefix, String namespace) throws XMLStreamException {
        String current = out.getNamespaceContext().getNamespaceURI(prefix);
        if (current == null) {
            current = "";
        }
        if (!current.equals(namespace) && !"xml".equals(prefix)) {
            if (prefix.isEmpty()) {
                out.writeDefaultNamespace(namespace);
            } else {
                out.writeNamespace(prefix, namespace);
            }
            out.setPrefix(prefix, namespace);
        }
    }
}
