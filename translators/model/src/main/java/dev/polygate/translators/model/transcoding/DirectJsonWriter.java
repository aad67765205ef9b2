package dev.polygate.translators.model.transcoding;

import com.google.common.io.BaseEncoding;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import java.util.List;
import java.util.Map;

/**
 * Prints messages of the types {@link DirectJsonShapes} handles exactly as JsonFormat's printer does with
 * insignificant whitespace omitted and default values left out: fields in number order, by JSON name (or proto
 * name), 64-bit integers and unsigned 64-bit ones as strings, unsigned 32-bit ones unsigned, floats as Java prints
 * them with NaN and the infinities as strings, bytes in padded base64, enums by name (by number when the number
 * has no name), maps as objects in entry order with their keys as strings, and strings escaped as Gson escapes
 * them (HTML-safe). Without JsonFormat's per-call set-up and Gson in between. Thread-safe.
 */
final class DirectJsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final DirectJsonShapes shapes;

    DirectJsonWriter(DirectJsonShapes shapes) {
        this.shapes = shapes;
    }

    /** The message's JSON, or null when its type is left to JsonFormat. */
    String print(MessageOrBuilder message) {
        DirectJsonShapes.Shape shape = shapes.of(message.getDescriptorForType());
        if (shape == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(64);
        message(message, shape, out);
        return out.toString();
    }

    private void message(MessageOrBuilder message, DirectJsonShapes.Shape shape, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
            FieldDescriptor field = entry.getKey();
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append('"').append(shape.printedNames[field.getIndex()]).append("\":");
            Object value = entry.getValue();
            byte cardinality = shape.cardinality[field.getIndex()];
            if (cardinality == DirectJsonShapes.MAP) {
                map(field, (List<?>) value, out);
            } else if (cardinality == DirectJsonShapes.REPEATED) {
                out.append('[');
                List<?> values = (List<?>) value;
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    value(field, values.get(i), false, out);
                }
                out.append(']');
            } else {
                value(field, value, false, out);
            }
        }
        out.append('}');
    }

    private void map(FieldDescriptor field, List<?> entries, StringBuilder out) {
        FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
        FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
        out.append('{');
        for (int i = 0; i < entries.size(); i++) {
            Message entry = (Message) entries.get(i);
            if (i > 0) {
                out.append(',');
            }
            value(keyField, entry.getField(keyField), true, out);
            out.append(':');
            value(valueField, entry.getField(valueField), false, out);
        }
        out.append('}');
    }

    private void value(FieldDescriptor field, Object value, boolean quoted, StringBuilder out) {
        switch (field.getType()) {
            case INT32, SINT32, SFIXED32 -> number(((Integer) value).toString(), quoted, out);
            case INT64, SINT64, SFIXED64 -> number(((Long) value).toString(), true, out);
            case UINT32, FIXED32 -> number(Integer.toUnsignedString((Integer) value), quoted, out);
            case UINT64, FIXED64 -> number(Long.toUnsignedString((Long) value), true, out);
            case BOOL -> number(((Boolean) value) ? "true" : "false", quoted, out);
            case FLOAT -> floating((Float) value, Float.isNaN((Float) value), Float.isInfinite((Float) value),
                    quoted, out);
            case DOUBLE -> floating((Double) value, Double.isNaN((Double) value), Double.isInfinite((Double) value),
                    quoted, out);
            case STRING -> string((String) value, out);
            case BYTES -> out.append('"').append(BaseEncoding.base64().encode(((ByteString) value).toByteArray()))
                    .append('"');
            case ENUM -> {
                EnumValueDescriptor enumValue = (EnumValueDescriptor) value;
                if (enumValue.getIndex() == -1) {
                    number(Integer.toString(enumValue.getNumber()), quoted, out);
                } else {
                    out.append('"').append(enumValue.getName()).append('"');
                }
            }
            case MESSAGE -> {
                Message message = (Message) value;
                message(message, shapes.of(message.getDescriptorForType()), out);
            }
            default -> throw new IllegalStateException("not a handled field type: " + field.getType());
        }
    }

    private static void number(String text, boolean quoted, StringBuilder out) {
        if (quoted) {
            out.append('"').append(text).append('"');
        } else {
            out.append(text);
        }
    }

    private static void floating(Number value, boolean nan, boolean infinite, boolean quoted, StringBuilder out) {
        if (nan) {
            out.append("\"NaN\"");
        } else if (infinite) {
            out.append(value.doubleValue() < 0 ? "\"-Infinity\"" : "\"Infinity\"");
        } else {
            number(value.toString(), quoted, out);
        }
    }

    /** A JSON string as Gson writes it HTML-safe: short escapes where JSON has them, {@code \}u00XX otherwise. */
    static void string(String value, StringBuilder out) {
        out.append('"');
        int last = 0;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            String replacement;
            if (c < 0x80) {
                replacement = ASCII_ESCAPES[c];
                if (replacement == null) {
                    continue;
                }
            } else if (c == '\u2028') {
                replacement = "\\u2028";
            } else if (c == '\u2029') {
                replacement = "\\u2029";
            } else {
                continue;
            }
            out.append(value, last, i).append(replacement);
            last = i + 1;
        }
        out.append(value, last, length).append('"');
    }

    private static final String[] ASCII_ESCAPES = new String[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ASCII_ESCAPES[c] = "\\u00" + HEX[c >> 4] + HEX[c & 0xf];
        }
        ASCII_ESCAPES['"'] = "\\\"";
        ASCII_ESCAPES['\\'] = "\\\\";
        ASCII_ESCAPES['\t'] = "\\t";
        ASCII_ESCAPES['\b'] = "\\b";
        ASCII_ESCAPES['\n'] = "\\n";
        ASCII_ESCAPES['\r'] = "\\r";
        ASCII_ESCAPES['\f'] = "\\f";
        for (char c : "<>&='".toCharArray()) {
            ASCII_ESCAPES[c] = "\\u00" + HEX[c >> 4] + HEX[c & 0xf];
        }
    }
}
