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
 * laid out by the operation's {@link BodyShape}. The headers are the given blocks, then the header parts set in
 * the body message's {@code soap_headers} field, each as its element. The envelope prefix is {@code soap} for
 * both versions; payload namespaces get {@code ns1}, {@code ns2}, ... where first used.
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
     * @throws IllegalXmlCharacterException when a string holds a character XML cannot carry
     */
    public static byte[] write(SoapVersion version, BodyShape shape, Message body, List<HeaderBlock> headers) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512); // a small envelope without growing
        try {
            XMLStreamWriter out = StaxFactories.output().createXMLStreamWriter(bytes, "UTF-8");
            String envelope = version.envelopeNamespace();
            out.writeStartDocument("UTF-8", "1.0");
            out.writeStartElement(ENVELOPE_PREFIX, "Envelope", envelope);
            Prefixes.declare(out, ENVELOPE_PREFIX, envelope);
            FieldDescriptor declared = XmlOptions.soapHeaders(body.getDescriptorForType());
            Message parts = declared != null && body.hasField(declared) ? (Message) body.getField(declared) : null;
            if (!headers.isEmpty() || parts != null && !parts.getAllFields().isEmpty()) {
                out.writeStartElement(ENVELOPE_PREFIX, "Header", envelope);
                for (HeaderBlock header : headers) {
                    writeHeader(out, version, header);
                }
                if (parts != null) {
                    List<FieldDescriptor> fields = parts.getDescriptorForType().getFields();
                    writeFields(out, parts, fields, fields.stream().map(XmlOptions::name).toList());
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

    /** The message as the shape places it; {@link BodyShape.NoMessage} leaves the Body empty. */
    private static void writeBody(XMLStreamWriter out, BodyShape shape, Message body) throws XMLStreamException {
        if (shape instanceof BodyShape.Element element) {
            XmlMessageWriter.write(out, element.element(), body);
        } else if (shape instanceof BodyShape.Rpc rpc) {
            XmlMessageWriter.write(out, rpc.wrapper(), body);
        } else if (shape instanceof BodyShape.Parts parts) {
            List<FieldDescriptor> fields = body.getDescriptorForType().getFields().stream()
                    .filter(field -> !XmlOptions.isSoapHeaders(field)).toList();
            if (fields.size() != parts.elements().size()) {
                throw new IllegalArgumentException(body.getDescriptorForType().getFullName() + " has " + fields.size()
                        + " fields for " + parts.elements().size() + " parts");
            }
            writeFields(out, body, fields, parts.elements());
        }
    }

    /** Each field of {@code message} as the element of the same index in {@code elements}. */
    private static void writeFields(XMLStreamWriter out, Message message, List<FieldDescriptor> fields,
                                    List<QName> elements) throws XMLStreamException {
        for (int i = 0; i < fields.size(); i++) {
            FieldDescriptor field = fields.get(i);
            QName element = elements.get(i);
            if (field.isRepeated()) {
                for (Object item : (List<?>) message.getField(field)) {
                    XmlMessageWriter.writeElement(out, field, element, item);
                }
            } else if (!field.hasPresence() || message.hasField(field)) {
                XmlMessageWriter.writeElement(out, field, element, message.getField(field));
            } else {
                XmlMessageWriter.requireAbsentAllowed(field);
            }
        }
    }
}
