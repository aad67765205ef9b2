package dev.polygate.translators.soap.xml;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.polygate.translators.soap.wsdl.SoapVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Builds request envelopes: {@code <soap:Envelope>}, a {@code <soap:Header>} when there are headers, and the Body
 * laid out by the operation's {@link BodyShape}. The envelope prefix is {@code soap} for both versions; payload
 * namespaces get {@code ns1}, {@code ns2}, ... where first used.
 */
public final class SoapRequestWriter {
    private static final String ENVELOPE_PREFIX = "soap";

    private SoapRequestWriter() {
    }

    /**
     * The whole request envelope, UTF-8.
     *
     * @throws IllegalArgumentException when a raw header or an xs:any value is not one well-formed element, or
     *                                  the body does not match the shape
     */
    public static byte[] write(SoapVersion version, BodyShape shape, Message body, List<HeaderBlock> headers) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512); // a small envelope without growing
        try {
            XMLStreamWriter out = StaxFactories.output().createXMLStreamWriter(bytes, "UTF-8");
            String envelope = version.envelopeNamespace();
            out.writeStartDocument("UTF-8", "1.0");
            out.writeStartElement(ENVELOPE_PREFIX, "Envelope", envelope);
            Prefixes.declare(out, ENVELOPE_PREFIX, envelope);
            if (!headers.isEmpty()) {
                out.writeStartElement(ENVELOPE_PREFIX, "Header", envelope);
                for (HeaderBlock header : headers) {
                    writeHeader(out, version, header);
                }
                out.writeEndElement();
            }
            out.writeStartElement(ENVELOPE_PREFIX, "Body", envelope);
            writeBody(out, shape, body);
            out.writeEndElement();
            out.writeEndElement();
            out.writeEndDocument();
            out.close();
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("cannot write the SOAP request: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static void writeHeader(XMLStreamWriter out, SoapVersion version, HeaderBlock header) throws XMLStreamException {
        String[] mustUnderstand = header.mustUnderstand()
                ? new String[] {version.envelopeNamespace(), "mustUnderstand", version == SoapVersion.SOAP_11 ? "1" : "true"}
                : null;
        if (header.rawXml() != null) {
            RawXml.copy(header.rawXml(), out, mustUnderstand);
        } else {
            XmlMessageWriter.write(out, header.element(), header.content(), mustUnderstand);
        }
    }

    private static void writeBody(XMLStreamWriter out, BodyShape shape, Message body) throws XMLStreamException {
        if (shape instanceof BodyShape.Element element) {
            XmlMessageWriter.write(out, element.element(), body);
        } else if (shape instanceof BodyShape.Rpc rpc) {
            XmlMessageWriter.write(out, rpc.wrapper(), body);
        } else {
            BodyShape.Parts parts = (BodyShape.Parts) shape;
            List<FieldDescriptor> fields = body.getDescriptorForType().getFields();
            if (fields.size() != parts.elements().size()) {
                throw new IllegalArgumentException(body.getDescriptorForType().getFullName() + " has " + fields.size()
                        + " fields for " + parts.elements().size() + " parts");
            }
            for (int i = 0; i < fields.size(); i++) {
                FieldDescriptor field = fields.get(i);
                QName element = parts.elements().get(i);
                if (field.isRepeated()) {
                    for (Object item : (List<?>) body.getField(field)) {
                        XmlMessageWriter.writeElement(out, field, element, item);
                    }
                } else if (!field.hasPresence() || body.hasField(field)) {
                    XmlMessageWriter.writeElement(out, field, element, body.getField(field));
                }
            }
        }
    }
}
