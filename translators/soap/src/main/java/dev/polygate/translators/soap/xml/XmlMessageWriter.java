package dev.polygate.translators.soap.xml;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.MessageOrBuilder;
import dev.polygate.xml.v1.XmlField;
import dev.polygate.xml.v1.XmlFieldKind;
import dev.polygate.xml.v1.XsdType;
import java.util.List;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a message compiled from XSD as the XML element it stands for, driven only by the descriptors'
 * {@code polygate.xml.v1} options (see the schema package for the mapping):
 * <ul>
 * <li>elements in field order; of a oneof, the member that is set; GROUP fields inline, without an element;</li>
 * <li>a field with presence that is unset is omitted; an implicit-presence scalar is always written, except an
 * enum left at its {@code _UNSPECIFIED} zero, which has no literal; a required (minOccurs &ge; 1) simple-typed
 * NIL_WRAPPER value that is unset is refused with a {@link MissingValueException}, never written empty;</li>
 * <li>repeated fields: one element per item; NIL_WRAPPER values: the value, or {@code xsi:nil="true"} (also for a
 * wrapper with neither set);</li>
 * <li>decimal and integer strings as given; QName values in Clark notation get a prefix; ANY values are parsed
 * and copied, so only well-formed single elements go out.</li>
 * </ul>
 * Namespaces are declared where first needed with {@code ns1}, {@code ns2}, ...; the default namespace is never
 * declared. The writer must not be namespace-repairing. A field marked {@code soap_headers} is no part of the
 * element (see {@link SoapRequestWriter}); a string with a character XML cannot carry is refused with an
 * {@link IllegalXmlCharacterException}.
 */
public final class XmlMessageWriter {
    private XmlMessageWriter() {
    }

    /** Writes {@code message} as the element {@code element}. */
    public static void write(XMLStreamWriter out, QName element, MessageOrBuilder message) throws XMLStreamException {
        write(out, element, message, null);
    }

    /** As {@link #write(XMLStreamWriter, QName, MessageOrBuilder)}, with one extra attribute (namespace, local, value). */
    static void write(XMLStreamWriter out, QName element, MessageOrBuilder message, String[] extraAttribute)
            throws XMLStreamException {
        Prefixes.startElement(out, element.getNamespaceURI(), element.getLocalPart());
        if (extraAttribute != null) {
            out.writeAttribute(Prefixes.prefixFor(out, extraAttribute[0]), extraAttribute[0], extraAttribute[1],
                    extraAttribute[2]);
        }
        writeAttributes(out, message);
        writeContent(out, message);
        out.writeEndElement();
    }

    private static void writeAttributes(XMLStreamWriter out, MessageOrBuilder message) throws XMLStreamException {
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            XmlField xml = XmlOptions.field(field);
            if (xml.getKind() == XmlFieldKind.XML_FIELD_KIND_VALUE && XmlOptions.isNilWrapper(field)
                    && message.hasField(field) && !hasValue((MessageOrBuilder) message.getField(field))) {
                // a nillable global element of simple type: the nil marks the element itself
                out.writeAttribute(Prefixes.prefixFor(out, XmlOptions.XSI), XmlOptions.XSI, "nil", "true");
            } else if (xml.getKind() == XmlFieldKind.XML_FIELD_KIND_ATTRIBUTE && isPresent(message, field)) {
                Object value = message.getField(field);
                if (value instanceof EnumValueDescriptor e && e.getNumber() == 0) {
                    continue;
                }
                String text = text(out, field, value);
                if (xml.getNamespace().isEmpty()) {
                    out.writeAttribute(xml.getName(), text);
                } else {
                    out.writeAttribute(Prefixes.prefixFor(out, xml.getNamespace()), xml.getNamespace(), xml.getName(), text);
                }
            } else if (xml.getKind() == XmlFieldKind.XML_FIELD_KIND_ANY_ATTRIBUTE) {
                for (Object entry : (List<?>) message.getField(field)) {
                    com.google.protobuf.Message pair = (com.google.protobuf.Message) entry;
                    FieldDescriptor keyField = pair.getDescriptorForType().findFieldByNumber(1);
                    FieldDescriptor valueField = pair.getDescriptorForType().findFieldByNumber(2);
                    QName name = XmlOptions.fromClark((String) pair.getField(keyField));
                    String value = IllegalXmlCharacterException.check((String) pair.getField(valueField), "attribute " + name);
                    if (name.getNamespaceURI().isEmpty()) {
                        out.writeAttribute(name.getLocalPart(), value);
                    } else {
                        out.writeAttribute(Prefixes.prefixFor(out, name.getNamespaceURI()), name.getNamespaceURI(),
                                name.getLocalPart(), value);
                    }
                }
            }
        }
    }

    /** The text and child elements of a message (attributes already written). */
    private static void writeContent(XMLStreamWriter out, MessageOrBuilder message) throws XMLStreamException {
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (XmlOptions.isSoapHeaders(field)) {
                continue; // written into soap:Header by the request writer
            }
            XmlFieldKind kind = XmlOptions.kind(field);
            switch (kind) {
                case XML_FIELD_KIND_VALUE -> {
                    if (XmlOptions.isNilWrapper(field)) {
                        if (!message.hasField(field)) {
                            // the text of a global element of simple type: the element is there, so it needs one
                            throw new MissingValueException(XmlOptions.elementName(message.getDescriptorForType()));
                        }
                        MessageOrBuilder wrapper = (MessageOrBuilder) message.getField(field);
                        if (hasValue(wrapper)) {
                            FieldDescriptor inner = wrapper.getDescriptorForType().findFieldByNumber(1);
                            out.writeCharacters(text(out, inner, wrapper.getField(inner)));
                        }
                    } else if (isPresent(message, field)) {
                        out.writeCharacters(text(out, field, message.getField(field)));
                    }
                }
                case XML_FIELD_KIND_ELEMENT, XML_FIELD_KIND_ANY, XML_FIELD_KIND_GROUP -> {
                    if (field.isRepeated()) {
                        for (Object item : (List<?>) message.getField(field)) {
                            writeItem(out, field, kind, item);
                        }
                    } else if (isPresent(message, field)) {
                        writeItem(out, field, kind, message.getField(field));
                    } else {
                        requireAbsentAllowed(field);
                    }
                }
                default -> {
                    // attributes are written with the start tag
                }
            }
        }
    }

    private static void writeItem(XMLStreamWriter out, FieldDescriptor field, XmlFieldKind kind, Object value)
            throws XMLStreamException {
        switch (kind) {
            case XML_FIELD_KIND_ANY -> RawXml.copy((String) value, out, null);
            case XML_FIELD_KIND_GROUP -> writeContent(out, (MessageOrBuilder) value);
            default -> writeElement(out, field, XmlOptions.name(field), value);
        }
    }

    /** One element of a field: a nested message, a nil wrapper, or a scalar. */
    static void writeElement(XMLStreamWriter out, FieldDescriptor field, QName name, Object value)
            throws XMLStreamException {
        if (value instanceof EnumValueDescriptor e && e.getNumber() == 0) {
            return;
        }
        if (XmlOptions.isNilWrapper(field)) {
            MessageOrBuilder wrapper = (MessageOrBuilder) value;
            FieldDescriptor inner = wrapper.getDescriptorForType().findFieldByNumber(1);
            if (!hasValue(wrapper)) {
                Prefixes.startElement(out, name.getNamespaceURI(), name.getLocalPart());
                out.writeAttribute(Prefixes.prefixFor(out, XmlOptions.XSI), XmlOptions.XSI, "nil", "true");
                out.writeEndElement();
                return;
            }
            writeElement(out, inner, name, wrapper.getField(inner));
            return;
        }
        if (value instanceof MessageOrBuilder nested) {
            write(out, name, nested, null);
            return;
        }
        Prefixes.startElement(out, name.getNamespaceURI(), name.getLocalPart());
        out.writeCharacters(text(out, field, value));
        out.writeEndElement();
    }

    private static String text(XMLStreamWriter out, FieldDescriptor field, Object value) throws XMLStreamException {
        if (XmlOptions.field(field).getType() == XsdType.XSD_TYPE_QNAME && value instanceof String clark
                && clark.startsWith("{")) {
            QName name = XmlOptions.fromClark(clark);
            if (name.getNamespaceURI().isEmpty()) {
                return name.getLocalPart();
            }
            // Declared on the element being written: its start tag is still open.
            return Prefixes.prefixFor(out, name.getNamespaceURI()) + ":" + name.getLocalPart();
        }
        if (value instanceof String string) {
            return IllegalXmlCharacterException.check(string, "field '" + field.getJsonName() + "'");
        }
        return Lexical.print(field, value);
    }

    /**
     * Refuses an unset field that the schema requires when it stands for a simple-typed nillable element: an
     * element left out that must be there. Choice members and complex types are left to the schema's own reader.
     */
    static void requireAbsentAllowed(FieldDescriptor field) {
        if (XmlOptions.isNilWrapper(field) && field.getRealContainingOneof() == null
                && XmlOptions.field(field).getMinOccurs() >= 1
                && field.getMessageType().findFieldByNumber(1).getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            throw new MissingValueException(XmlOptions.name(field).getLocalPart());
        }
    }

    private static boolean hasValue(MessageOrBuilder wrapper) {
        return wrapper.hasField(wrapper.getDescriptorForType().findFieldByNumber(1));
    }

    private static boolean isPresent(MessageOrBuilder message, FieldDescriptor field) {
        return !field.hasPresence() || message.hasField(field);
    }
}
