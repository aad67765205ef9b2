package dev.polygate.translators.soap.xml;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.polygate.xml.v1.XmlField;
import dev.polygate.xml.v1.XmlFieldKind;
import dev.polygate.xml.v1.XmlMessageKind;
import dev.polygate.xml.v1.XmlProto;
import javax.xml.namespace.QName;

/** The {@code polygate.xml.v1} options of compiled descriptors: the only source of XML names the codec uses. */
final class XmlOptions {
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private XmlOptions() {
    }

    static XmlField field(FieldDescriptor field) {
        return field.getOptions().getExtension(XmlProto.xmlField);
    }

    static XmlFieldKind kind(FieldDescriptor field) {
        return field(field).getKind();
    }

    static QName name(FieldDescriptor field) {
        XmlField xml = field(field);
        return new QName(xml.getNamespace(), xml.getName());
    }

    static XmlMessageKind kind(Descriptor message) {
        return message.getOptions().getExtension(XmlProto.xmlMessage).getKind();
    }

    /** The XML local name a message stands for (an element's, or an rpc wrapper's). */
    static String elementName(Descriptor message) {
        return message.getOptions().getExtension(XmlProto.xmlMessage).getName();
    }

    static boolean isNilWrapper(FieldDescriptor field) {
        return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                && kind(field.getMessageType()) == XmlMessageKind.XML_MESSAGE_KIND_NIL_WRAPPER;
    }

    /** Only message fields can hold headers; the type check spares every other field an options lookup. */
    static boolean isSoapHeaders(FieldDescriptor field) {
        return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && field.getOptions().getExtension(XmlProto.soapHeaders);
    }

    /** The field of a request or response message that holds its SOAP headers; null when it has none. */
    static FieldDescriptor soapHeaders(Descriptor message) {
        for (FieldDescriptor field : message.getFields()) {
            if (isSoapHeaders(field)) {
                return field;
            }
        }
        return null;
    }

    /** {@code {ns}local} → QName; a plain name has no namespace. */
    static QName fromClark(String clark) {
        if (clark.startsWith("{")) {
            int end = clark.indexOf('}');
            if (end > 0) {
                return new QName(clark.substring(1, end), clark.substring(end + 1));
            }
        }
        return new QName(clark);
    }

    static String toClark(String namespace, String local) {
        return namespace == null || namespace.isEmpty() ? local : "{" + namespace + "}" + local;
    }
}
