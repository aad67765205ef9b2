package dev.polygate.translators.soap.xml;

import com.google.protobuf.Message;
import java.io.StringWriter;
import java.util.Objects;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * One SOAP header entry of a request: a message written as {@code element}, or XML text written as it is (after
 * a well-formedness check). With {@code mustUnderstand} the entry carries the envelope's mustUnderstand attribute
 * ("1" in SOAP 1.1, "true" in SOAP 1.2).
 *
 * @param element        the header element's name (for raw XML: informative, the text's own root is written)
 * @param content        the header's content, or null
 * @param rawXml         the whole header element as XML text, or null
 * @param mustUnderstand whether the receiver must process the header or fail
 */
public record HeaderBlock(QName element, Message content, String rawXml, boolean mustUnderstand) {
    public HeaderBlock {
        Objects.requireNonNull(element, "element");
        if ((content == null) == (rawXml == null)) {
            throw new IllegalArgumentException("header " + element + " needs exactly one of content and rawXml");
        }
    }

    /**
     * A header entry {@code <element>text</element>}, the text escaped.
     *
     * @throws IllegalXmlCharacterException when the text holds a character XML cannot carry
     */
    public static HeaderBlock text(QName element, String text) {
        IllegalXmlCharacterException.check(text, "header " + element.getLocalPart());
        StringWriter xml = new StringWriter();
        try {
            XMLStreamWriter out = StaxFactories.output().createXMLStreamWriter(xml);
            Prefixes.startElement(out, element.getNamespaceURI(), element.getLocalPart());
            out.writeCharacters(text);
            out.writeEndElement();
            out.close();
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("cannot write header " + element + ": " + e.getMessage(), e);
        }
        return new HeaderBlock(element, null, xml.toString(), false);
    }
}
