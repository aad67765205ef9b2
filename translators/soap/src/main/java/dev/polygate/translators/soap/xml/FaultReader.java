package dev.polygate.translators.soap.xml;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import dev.polygate.translators.soap.wsdl.SoapVersion;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads a SOAP 1.1 or 1.2 Fault element; the reader is left on its end tag. */
final class FaultReader {
    private FaultReader() {
    }

    static SoapFault read(XMLStreamReader in, SoapVersion version, Map<QName, Descriptor> faultDetails)
            throws XMLStreamException {
        QName code = null;
        List<QName> subcodes = new ArrayList<>();
        String reason = null;
        String actor = null;
        String node = null;
        String role = null;
        List<String> details = new ArrayList<>();
        QName detailElement = null;
        while (in.nextTag() == XMLStreamConstants.START_ELEMENT) {
            // SOAP 1.1 fault children are unqualified; some servers qualify them anyway.
            String local = in.getLocalName();
            switch (local) {
                case "faultcode" -> code = qname(in, in.getElementText());
                case "faultstring" -> reason = in.getElementText().strip();
                case "faultactor" -> actor = in.getElementText().strip();
                case "Code" -> code = readCode(in, subcodes);
                case "Reason" -> reason = readReason(in);
                case "Node" -> node = in.getElementText().strip();
                case "Role" -> role = in.getElementText().strip();
                case "detail", "Detail" -> {
                    while (in.nextTag() == XMLStreamConstants.START_ELEMENT) {
                        if (detailElement == null) {
                            detailElement = in.getName();
                        }
                        details.add(RawXml.capture(in));
                    }
                }
                default -> XmlMessageReader.skip(in);
            }
        }
        DynamicMessage detail = null;
        if (detailElement != null && faultDetails.containsKey(detailElement)) {
            detail = parse(details.get(0), faultDetails.get(detailElement));
        }
        String detailXml = details.isEmpty() ? null : String.join("", details);
        return new SoapFault(version, code, subcodes, reason, actor, node, role, detailElement, detail, detailXml);
    }

    private static QName readCode(XMLStreamReader in, List<QName> subcodes) throws XMLStreamException {
        QName value = null;
        while (in.nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (in.getLocalName().equals("Value")) {
                value = qname(in, in.getElementText());
            } else if (in.getLocalName().equals("Subcode")) {
                // deeper subcodes are appended by the nested call; this one goes before them
                int position = subcodes.size();
                QName subcode = readCode(in, subcodes);
                subcodes.add(position, subcode);
            } else {
                XmlMessageReader.skip(in);
            }
        }
        return value;
    }

    /** Reason/Text: the English one, else the first. */
    private static String readReason(XMLStreamReader in) throws XMLStreamException {
        String first = null;
        String english = null;
        while (in.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String lang = in.getAttributeValue(XMLConstants.XML_NS_URI, "lang");
            String text = in.getElementText().strip();
            if (first == null) {
                first = text;
            }
            if (english == null && lang != null && (lang.equalsIgnoreCase("en") || lang.toLowerCase().startsWith("en-"))) {
                english = text;
            }
        }
        return english != null ? english : first;
    }

    private static QName qname(XMLStreamReader in, String text) {
        String value = text.strip();
        int colon = value.indexOf(':');
        String prefix = colon < 0 ? "" : value.substring(0, colon);
        String namespace = in.getNamespaceURI(prefix);
        return new QName(namespace == null ? "" : namespace, value.substring(colon + 1));
    }

    private static DynamicMessage parse(String xml, Descriptor type) throws XMLStreamException {
        XMLStreamReader detail = StaxFactories.input().createXMLStreamReader(new StringReader(xml));
        try {
            detail.nextTag();
            return XmlMessageReader.read(detail, type);
        } finally {
            detail.close();
        }
    }
}
