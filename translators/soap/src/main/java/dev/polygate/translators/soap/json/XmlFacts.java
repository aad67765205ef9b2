package dev.polygate.translators.soap.json;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.polygate.xml.v1.XmlField;
import dev.polygate.xml.v1.XmlMessageKind;
import dev.polygate.xml.v1.XmlProto;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What the XML options of compiled descriptors say, looked up once per type. */
final class XmlFacts {

    private final Map<Descriptor, Map<String, FieldDescriptor>> keys = new ConcurrentHashMap<>();
    private final Map<EnumDescriptor, Map<String, EnumValueDescriptor>> literals = new ConcurrentHashMap<>();

    static XmlField xml(FieldDescriptor field) {
        return field.getOptions().getExtension(XmlProto.xmlField);
    }

    static boolean isNilWrapper(FieldDescriptor field) {
        return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && field.getMessageType().getOptions()
                .getExtension(XmlProto.xmlMessage).getKind() == XmlMessageKind.XML_MESSAGE_KIND_NIL_WRAPPER;
    }

    static FieldDescriptor nilValue(Descriptor wrapper) {
        return wrapper.findFieldByNumber(1);
    }

    static FieldDescriptor nilMarker(Descriptor wrapper) {
        return wrapper.findFieldByNumber(2);
    }

    /** The literal JSON carries for an enum value; null for the UNSPECIFIED value, which has none. */
    static String literal(EnumValueDescriptor value) {
        String literal = value.getOptions().getExtension(XmlProto.literal);
        return literal.isEmpty() ? null : literal;
    }

    /** Fields by JSON key (the XML name, {@code @name} for a colliding attribute), in descriptor order. */
    Map<String, FieldDescriptor> byKey(Descriptor type) {
        return keys.computeIfAbsent(type, t -> {
            Map<String, FieldDescriptor> map = new LinkedHashMap<>();
            for (FieldDescriptor f : t.getFields()) {
                map.put(f.getJsonName(), f);
            }
            return map;
        });
    }

    /** Enum values by literal, in declaration order. */
    Map<String, EnumValueDescriptor> byLiteral(EnumDescriptor type) {
        return literals.computeIfAbsent(type, t -> {
            Map<String, EnumValueDescriptor> map = new LinkedHashMap<>();
            for (EnumValueDescriptor v : t.getValues()) {
                String literal = literal(v);
                if (literal != null) {
                    map.put(literal, v);
                }
            }
            return map;
        });
    }
}
