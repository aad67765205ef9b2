package dev.polygate.translators.soap.validation;

import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.polygate.xml.v1.XmlField;
import dev.polygate.xml.v1.XmlFieldKind;
import dev.polygate.xml.v1.XmlProto;

/** How often an element may occur: its minOccurs and maxOccurs, as the descriptors' XML options carry them. */
public final class Occurrences {
    private Occurrences() {
    }

    /**
     * Whether the schema requires the field: an element (or group) with minOccurs ≥ 1 that is neither proto3
     * optional nor a choice member, or an attribute declared {@code use="required"} (minOccurs 1).
     */
    public static boolean required(FieldDescriptor field) {
        XmlField xml = field.getOptions().getExtension(XmlProto.xmlField);
        XmlFieldKind kind = xml.getKind();
        if (kind == XmlFieldKind.XML_FIELD_KIND_ATTRIBUTE) {
            return xml.getMinOccurs() >= 1;
        }
        return (kind == XmlFieldKind.XML_FIELD_KIND_ELEMENT || kind == XmlFieldKind.XML_FIELD_KIND_GROUP)
                && xml.getMinOccurs() >= 1 && field.getRealContainingOneof() == null
                && !field.toProto().getProto3Optional();
    }

    /** What a field stands for in XML, for messages: "attribute" or "element". */
    static String kind(FieldDescriptor field) {
        return field.getOptions().getExtension(XmlProto.xmlField).getKind() == XmlFieldKind.XML_FIELD_KIND_ATTRIBUTE
                ? "attribute" : "element";
    }

    /**
     * Null when a repeated field's item count is allowed, else what is wrong. Only a required element's items are
     * counted against minOccurs; maxOccurs 0 means unbounded.
     */
    static String countProblem(FieldDescriptor field, XmlField xml, int count) {
        if (count < xml.getMinOccurs() && required(field)) {
            return "at least " + items(xml.getMinOccurs()) + " required, got " + count;
        }
        if (xml.getMaxOccurs() > 1 && count > xml.getMaxOccurs()) {
            return "at most " + items(xml.getMaxOccurs()) + " allowed, got " + count;
        }
        return null;
    }

    private static String items(int n) {
        return n == 1 ? "1 item" : n + " items";
    }
}
