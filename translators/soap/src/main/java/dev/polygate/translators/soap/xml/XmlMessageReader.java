package dev.polygate.translators.soap.xml;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.NullValue;
import dev.polygate.xml.v1.XmlField;
import dev.polygate.xml.v1.XmlFieldKind;
import dev.polygate.xml.v1.XsdType;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an XML element into a message compiled from XSD, driven only by the descriptors' {@code polygate.xml.v1}
 * options. Choices made, for reading backends leniently without losing what the schema declares:
 * <ul>
 * <li>Unknown elements (not declared, no xs:any to take them) and unknown attributes are skipped. A known
 * singular element that occurs twice is an error, never a silent overwrite.</li>
 * <li>Elements are matched by name; order is used only to tell apart elements of the same name and to split
 * repeated groups into items. Out-of-order elements are accepted.</li>
 * <li>Missing required elements or attributes are accepted and left unset: checking presence is the business
 * of the layer that exposes the message (JSON, gRPC), not of the backend reader.</li>
 * <li>Lexical forms are checked: integers and their ranges (int, short, byte, unsigned), decimal and integer
 * strings, booleans (true/false/1/0), float INF/-INF/NaN, base64 (whitespace ignored), hex, enum literals,
 * QName prefixes; an error names the element or attribute.</li>
 * <li>{@code xsi:nil="true"} (or "1") on a nillable element sets the wrapper's nil; its content is ignored.</li>
 * <li>Mixed content: text between child elements is dropped.</li>
 * </ul>
 */
public final class XmlMessageReader {
    /** Elements nested deeper than this below the element read are refused. */
    public static final int MAX_DEPTH = 100;

    private XmlMessageReader() {
    }

    /**
     * @param in on the element's START_ELEMENT; left on its END_ELEMENT
     * @throws XMLStreamException for malformed XML, a value that does not fit its type, or nesting beyond
     *                            {@link #MAX_DEPTH}
     */
    public static DynamicMessage read(XMLStreamReader in, Descriptor type) throws XMLStreamException {
        if (in.getEventType() != XMLStreamConstants.START_ELEMENT) {
            throw new IllegalStateException("the reader must be on a START_ELEMENT");
        }
        return readElement(new DepthLimitedReader(in, MAX_DEPTH), type);
    }

    static DynamicMessage readElement(XMLStreamReader in, Descriptor type) throws XMLStreamException {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        QName element = in.getName();
        boolean nil = isNil(in);
        readAttributes(in, type, builder);
        ContentFrame content = new ContentFrame(type, builder, false);
        StringBuilder text = new StringBuilder();
        for (int event = in.next(); event != XMLStreamConstants.END_ELEMENT; event = in.next()) {
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (!content.take(in, in.getName())) {
                        skip(in);
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text.append(in.getText());
                case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("document ends inside " + element);
                default -> {
                }
            }
        }
        content.finish();
        for (FieldDescriptor field : type.getFields()) {
            if (XmlOptions.kind(field) != XmlFieldKind.XML_FIELD_KIND_VALUE) {
                continue;
            }
            if (XmlOptions.isNilWrapper(field)) {
                Descriptor wrapper = field.getMessageType();
                DynamicMessage.Builder value = DynamicMessage.newBuilder(wrapper);
                if (nil) {
                    value.setField(wrapper.findFieldByNumber(2), NullValue.NULL_VALUE.getValueDescriptor());
                } else {
                    FieldDescriptor inner = wrapper.findFieldByNumber(1);
                    value.setField(inner, scalar(in, inner, text.toString(), element));
                }
                builder.setField(field, value.build());
            } else {
                builder.setField(field, scalar(in, field, text.toString(), element));
            }
        }
        return builder.build();
    }

    private static void readAttributes(XMLStreamReader in, Descriptor type, DynamicMessage.Builder builder)
            throws XMLStreamException {
        for (int i = 0; i < in.getAttributeCount(); i++) {
            String namespace = in.getAttributeNamespace(i) == null ? "" : in.getAttributeNamespace(i);
            QName name = new QName(namespace, in.getAttributeLocalName(i));
            if (XmlOptions.XSI.equals(namespace) || XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(namespace)) {
                continue;
            }
            FieldDescriptor target = null;
            FieldDescriptor wildcard = null;
            for (FieldDescriptor field : type.getFields()) {
                XmlField xml = XmlOptions.field(field);
                if (xml.getKind() == XmlFieldKind.XML_FIELD_KIND_ATTRIBUTE && XmlOptions.name(field).equals(name)) {
                    target = field;
                } else if (xml.getKind() == XmlFieldKind.XML_FIELD_KIND_ANY_ATTRIBUTE) {
                    wildcard = field;
                }
            }
            if (target != null) {
                builder.setField(target, scalar(in, target, in.getAttributeValue(i), name));
            } else if (wildcard != null) {
                Descriptor entry = wildcard.getMessageType();
                builder.addRepeatedField(wildcard, DynamicMessage.newBuilder(entry)
                        .setField(entry.findFieldByNumber(1), XmlOptions.toClark(namespace, name.getLocalPart()))
                        .setField(entry.findFieldByNumber(2), in.getAttributeValue(i)).build());
            }
        }
    }

    /** The value of one element of {@code field}: the reader is on its start, and is left on its end. */
    static Object value(XMLStreamReader in, FieldDescriptor field) throws XMLStreamException {
        if (XmlOptions.isNilWrapper(field)) {
            Descriptor wrapper = field.getMessageType();
            DynamicMessage.Builder builder = DynamicMessage.newBuilder(wrapper);
            if (isNil(in)) {
                skip(in);
                return builder.setField(wrapper.findFieldByNumber(2), NullValue.NULL_VALUE.getValueDescriptor()).build();
            }
            FieldDescriptor inner = wrapper.findFieldByNumber(1);
            return builder.setField(inner, value(in, inner)).build();
        }
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            return readElement(in, field.getMessageType());
        }
        QName element = in.getName();
        String text = in.getElementText();
        return scalar(in, field, text, element);
    }

    private static boolean isNil(XMLStreamReader in) {
        String nil = in.getAttributeValue(XmlOptions.XSI, "nil");
        return nil != null && ("true".equals(nil.strip()) || "1".equals(nil.strip()));
    }

    private static Object scalar(XMLStreamReader in, FieldDescriptor field, String text, QName where)
            throws XMLStreamException {
        try {
            if (XmlOptions.field(field).getType() == XsdType.XSD_TYPE_QNAME) {
                return clark(in, text.strip());
            }
            return Lexical.parse(field, text);
        } catch (IllegalArgumentException e) {
            throw new XMLStreamException(where + ": " + e.getMessage(), in.getLocation());
        }
    }

    /** {@code prefix:local} → {@code {ns}local}, with the namespaces in scope where the value was read. */
    private static String clark(XMLStreamReader in, String text) {
        int colon = text.indexOf(':');
        String prefix = colon < 0 ? "" : text.substring(0, colon);
        String namespace = in.getNamespaceURI(prefix);
        if (namespace == null || namespace.isEmpty()) {
            if (!prefix.isEmpty()) {
                throw new IllegalArgumentException("QName '" + text + "' uses the undeclared prefix " + prefix);
            }
            return text;
        }
        return "{" + namespace + "}" + text.substring(colon + 1);
    }

    /** Skips the element the reader is on, leaving it on its END_ELEMENT. */
    static void skip(XMLStreamReader in) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = in.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }
}
