package dev.polygate.translators.soap.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import java.io.IOException;
import java.util.Base64;
import java.util.List;

/**
 * Messages of XSD-derived types as JSON, fields in descriptor order (the XML document order). Repeated fields
 * are always printed, as arrays, so a list's shape never depends on how many items it has; fields with
 * presence only when set; required scalars always, even when they hold 0 or "".
 */
final class MessageWriter {

    void message(JsonGenerator out, MessageOrBuilder message) throws IOException {
        out.writeStartObject();
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (field.isMapField()) {
                List<?> entries = (List<?>) message.getField(field);
                if (!entries.isEmpty()) {
                    out.writeFieldName(field.getJsonName());
                    anyAttributes(out, entries);
                }
            } else if (field.isRepeated()) {
                out.writeFieldName(field.getJsonName());
                out.writeStartArray();
                for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
                    value(out, field, message.getRepeatedField(field, i));
                }
                out.writeEndArray();
            } else if (!field.hasPresence() || message.hasField(field)) {
                Object value = message.getField(field);
                if (field.getJavaType() == FieldDescriptor.JavaType.ENUM && XmlFacts.literal((EnumValueDescriptor) value) == null) {
                    continue; // UNSPECIFIED: no literal exists for it, the element was never given
                }
                out.writeFieldName(field.getJsonName());
                value(out, field, value);
            }
        }
        out.writeEndObject();
    }

    private void value(JsonGenerator out, FieldDescriptor field, Object value) throws IOException {
        if (XmlFacts.isNilWrapper(field)) {
            Message wrapper = (Message) value;
            FieldDescriptor valueField = XmlFacts.nilValue(wrapper.getDescriptorForType());
            if (!wrapper.hasField(valueField)) {
                out.writeNull(); // nil, or (never made by the reader) a wrapper holding neither
                return;
            }
            value(out, valueField, wrapper.getField(valueField));
            return;
        }
        switch (field.getJavaType()) {
            case MESSAGE -> message(out, (Message) value);
            case BOOLEAN -> out.writeBoolean((Boolean) value);
            case INT -> {
                if (field.getType() == FieldDescriptor.Type.UINT32 || field.getType() == FieldDescriptor.Type.FIXED32) {
                    out.writeNumber(Integer.toUnsignedLong((Integer) value));
                } else {
                    out.writeNumber((Integer) value);
                }
            }
            case LONG -> out.writeString(field.getType() == FieldDescriptor.Type.UINT64
                    || field.getType() == FieldDescriptor.Type.FIXED64
                    ? Long.toUnsignedString((Long) value) : Long.toString((Long) value));
            case FLOAT, DOUBLE -> floating(out, ((Number) value).doubleValue(), field.getJavaType());
            case STRING -> out.writeString((String) value);
            case BYTE_STRING -> out.writeString(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case ENUM -> {
                String literal = XmlFacts.literal((EnumValueDescriptor) value);
                if (literal == null) {
                    out.writeNull(); // an UNSPECIFIED item of a list: there is nothing else to say
                } else {
                    out.writeString(literal);
                }
            }
        }
    }

    private static void floating(JsonGenerator out, double value, FieldDescriptor.JavaType type) throws IOException {
        if (Double.isNaN(value)) {
            out.writeString("NaN");
        } else if (Double.isInfinite(value)) {
            out.writeString(value > 0 ? "Infinity" : "-Infinity");
        } else if (type == FieldDescriptor.JavaType.FLOAT) {
            out.writeNumber((float) value);
        } else {
            out.writeNumber(value);
        }
    }

    private static void anyAttributes(JsonGenerator out, List<?> entries) throws IOException {
        out.writeStartObject();
        for (Object e : entries) {
            Message entry = (Message) e;
            out.writeStringField((String) entry.getField(entry.getDescriptorForType().findFieldByNumber(1)),
                    (String) entry.getField(entry.getDescriptorForType().findFieldByNumber(2)));
        }
        out.writeEndObject();
    }
}
