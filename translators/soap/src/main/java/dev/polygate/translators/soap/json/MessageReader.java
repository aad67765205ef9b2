package dev.polygate.translators.soap.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.NullValue;
import dev.polygate.translators.soap.validation.FieldProblems;
import dev.polygate.translators.soap.validation.Occurrences;
import dev.polygate.xml.v1.XmlField;
import dev.polygate.xml.v1.XmlFieldKind;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * JSON objects into messages of XSD-derived types, token by token. Every object but the top-level one is
 * checked for required keys as soon as it ends; the top level is left to the caller, which may still
 * set fields from elsewhere (an HTTP path). The values themselves are checked against the schema by the
 * {@link dev.polygate.translators.soap.validation.MessageValidator}, once the message is whole.
 */
final class MessageReader {

    private final XmlFacts facts;
    private final ScalarReader scalars;
    private final boolean ignoreUnknownFields;

    MessageReader(XmlFacts facts, boolean ignoreUnknownFields) {
        this.facts = facts;
        this.scalars = new ScalarReader(facts);
        this.ignoreUnknownFields = ignoreUnknownFields;
    }

    /** Reads the object the parser is on into the builder; returns the fields its keys gave. */
    Set<FieldDescriptor> object(JsonParser p, Message.Builder builder, String path) throws IOException {
        Descriptor type = builder.getDescriptorForType();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw path.isEmpty() ? Problems.bad("the JSON body must be an object, got " + Problems.describe(p))
                    : Problems.expected(path, "an object", p);
        }
        Map<String, FieldDescriptor> fields = facts.byKey(type);
        Set<FieldDescriptor> given = new HashSet<>();
        Map<OneofDescriptor, FieldDescriptor> chosen = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            String fieldPath = path.isEmpty() ? key : path + "." + key;
            p.nextToken();
            FieldDescriptor field = fields.get(key);
            if (field == null) {
                if (ignoreUnknownFields) {
                    p.skipChildren();
                    continue;
                }
                throw Problems.bad("unknown field '" + Problems.shorten(fieldPath) + "' (" + type.getName()
                        + " has " + String.join(", ", fields.keySet()) + ")");
            }
            if (!given.add(field)) {
                throw Problems.at(fieldPath, "given twice");
            }
            OneofDescriptor oneof = field.getRealContainingOneof();
            if (oneof != null) {
                FieldDescriptor other = chosen.putIfAbsent(oneof, field);
                if (other != null) {
                    throw Problems.at(fieldPath, "'" + other.getJsonName() + "' is given too, but only one of "
                            + String.join(", ", oneof.getFields().stream().map(FieldDescriptor::getJsonName).toList())
                            + " may be (an xs:choice)");
                }
            }
            field(p, builder, field, fieldPath);
        }
        return given;
    }

    /**
     * Fails on the first required element of the object whose key was neither given nor set otherwise (a path
     * variable). A key given as 0, "" or [] counts as given: whether its value will do is the validator's to say.
     */
    static void checkRequired(Message.Builder builder, Set<FieldDescriptor> given, String path) {
        for (FieldDescriptor field : builder.getDescriptorForType().getFields()) {
            if (Occurrences.required(field) && !given.contains(field) && (field.isRepeated()
                    ? builder.getRepeatedFieldCount(field) == 0 : !builder.hasField(field))) {
                throw FieldProblems.missing(field,
                        path.isEmpty() ? field.getJsonName() : path + "." + field.getJsonName());
            }
        }
    }

    private void field(JsonParser p, Message.Builder builder, FieldDescriptor field, String path) throws IOException {
        XmlField xml = XmlFacts.xml(field);
        if (field.isMapField()) {
            anyAttributes(p, builder, field, path);
        } else if (field.isRepeated()) {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                // never a lone item in place of a one-item list: a client that does so has the shape wrong
                throw Problems.expected(path, "an array", p);
            }
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                builder.addRepeatedField(field, value(p, builder, field, xml, path + "[" + i++ + "]"));
            }
        } else {
            builder.setField(field, value(p, builder, field, xml, path));
        }
    }

    /** One value of a field: an item, for a repeated field. */
    private Object value(JsonParser p, Message.Builder parent, FieldDescriptor field, XmlField xml, String path)
            throws IOException {
        if (XmlFacts.isNilWrapper(field)) {
            Descriptor wrapper = field.getMessageType();
            DynamicMessage.Builder holder = DynamicMessage.newBuilder(wrapper);
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return holder.setField(XmlFacts.nilMarker(wrapper), NullValue.NULL_VALUE.getValueDescriptor()).build();
            }
            FieldDescriptor valueField = XmlFacts.nilValue(wrapper);
            Object value = valueField.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    ? nested(p, holder.newBuilderForField(valueField), path)
                    : scalars.read(p, valueField, xml, path);
            return holder.setField(valueField, value).build();
        }
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            throw Problems.at(path, "null is only allowed for nillable elements; leave the key out instead");
        }
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            return nested(p, parent.newBuilderForField(field), path);
        }
        return scalars.read(p, field, xml, path);
    }

    private Message nested(JsonParser p, Message.Builder builder, String path) throws IOException {
        Set<FieldDescriptor> given = object(p, builder, path);
        checkRequired(builder, given, path);
        return builder.build();
    }

    /** xs:anyAttribute: {"{ns}local": "value"}. */
    private void anyAttributes(JsonParser p, Message.Builder builder, FieldDescriptor field, String path)
            throws IOException {
        if (XmlFacts.xml(field).getKind() != XmlFieldKind.XML_FIELD_KIND_ANY_ATTRIBUTE) {
            throw new IllegalStateException("a map that is not xs:anyAttribute: " + field.getFullName());
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw Problems.expected(path, "an object of attributes", p);
        }
        Descriptor entry = field.getMessageType();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            String entryPath = path + "[\"" + Problems.shorten(name) + "\"]";
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw Problems.expected(entryPath, "a string", p);
            }
            builder.addRepeatedField(field, DynamicMessage.newBuilder(entry)
                    .setField(entry.findFieldByNumber(1), name).setField(entry.findFieldByNumber(2), p.getText()).build());
        }
    }
}
