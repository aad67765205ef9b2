package dev.polygate.translators.model.transcoding;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.common.io.BaseEncoding;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads proto3 JSON into a builder of a type {@link DirectJsonShapes} handles, streaming through Jackson, for the
 * documents whose meaning is plain: a strict JSON object whose keys name fields once each (at most one field of a
 * oneof), with values of the field's JSON type. It gives the builder what JsonFormat's parser would give it, through
 * the same builder calls. Anything else, from a syntax error to a null, a duplicate key, an unknown field (unless
 * they are ignored), an integer written as {@code 1.0} or an out-of-range number, makes it give up with
 * {@link Unhandled}, leaving the builder half-filled: the caller then clears it and lets JsonFormat read the
 * document, which decides as it always did and explains its refusals. Thread-safe.
 */
final class DirectJsonReader {

    /** The document is left to JsonFormat. */
    static final class Unhandled extends Exception {
        private static final Unhandled INSTANCE = new Unhandled();

        private Unhandled() {
            super("left to JsonFormat", null, false, false);
        }
    }

    /** JsonFormat's own recursion limit is 100; deeper documents are left to it. */
    private static final int MAX_DEPTH = 64;
    /** JsonFormat's bounds: the largest values with a slack of one part in a million for printed rounding. */
    private static final double FLOAT_MAX = Float.MAX_VALUE * (1.0 + 1e-6);
    private static final BigDecimal SLACK = new BigDecimal(String.valueOf(1.000001));
    private static final BigDecimal DOUBLE_MAX = new BigDecimal(String.valueOf(Double.MAX_VALUE)).multiply(SLACK);
    private static final BigDecimal DOUBLE_MIN = new BigDecimal(String.valueOf(-Double.MAX_VALUE)).multiply(SLACK);

    private final JsonFactory factory = JsonFactory.builder().build();
    private final DirectJsonShapes shapes;
    private final boolean ignoreUnknownFields;

    DirectJsonReader(DirectJsonShapes shapes, boolean ignoreUnknownFields) {
        this.shapes = shapes;
        this.ignoreUnknownFields = ignoreUnknownFields;
    }

    /** True when the builder's type is read here. */
    boolean handles(Message.Builder builder) {
        return shapes.of(builder.getDescriptorForType()) != null;
    }

    /**
     * Merges the document into the builder.
     *
     * @throws Unhandled when JsonFormat must read it; the builder may hold part of the document
     */
    void merge(String json, Message.Builder builder) throws Unhandled {
        try (JsonParser parser = factory.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw Unhandled.INSTANCE;
            }
            object(parser, builder, shapes.of(builder.getDescriptorForType()), 0);
            if (parser.nextToken() != null) {
                throw Unhandled.INSTANCE;
            }
        } catch (IOException | RuntimeException e) {
            throw Unhandled.INSTANCE;
        }
    }

    /** The fields of an object whose START_OBJECT is the current token. */
    private void object(JsonParser parser, Message.Builder builder, DirectJsonShapes.Shape shape, int depth)
            throws IOException, Unhandled {
        if (shape == null || depth > MAX_DEPTH) {
            throw Unhandled.INSTANCE;
        }
        long seen = 0; // fields below 64 by index
        Set<FieldDescriptor> seenAbove = null;
        Set<OneofDescriptor> oneofs = null;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            FieldDescriptor field = shape.byName.get(parser.currentName());
            if (field == null) {
                if (!ignoreUnknownFields) {
                    throw Unhandled.INSTANCE;
                }
                parser.nextToken();
                parser.skipChildren();
                continue;
            }
            int index = field.getIndex();
            if (index < 64) {
                if ((seen & (1L << index)) != 0) {
                    throw Unhandled.INSTANCE;
                }
                seen |= 1L << index;
            } else {
                if (seenAbove == null) {
                    seenAbove = new HashSet<>();
                }
                if (!seenAbove.add(field)) {
                    throw Unhandled.INSTANCE;
                }
            }
            OneofDescriptor oneof = field.getContainingOneof();
            if (oneof != null) {
                if (oneofs == null) {
                    oneofs = new HashSet<>(4);
                }
                if (!oneofs.add(oneof)) {
                    throw Unhandled.INSTANCE;
                }
            }
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                throw Unhandled.INSTANCE;
            }
            byte cardinality = shape.cardinality[index];
            if (cardinality == DirectJsonShapes.MAP) {
                map(parser, value, builder, field, depth);
            } else if (cardinality == DirectJsonShapes.REPEATED) {
                if (value != JsonToken.START_ARRAY) {
                    throw Unhandled.INSTANCE;
                }
                while ((value = parser.nextToken()) != JsonToken.END_ARRAY) {
                    builder.addRepeatedField(field, value(parser, value, builder, field, depth));
                }
            } else {
                builder.setField(field, value(parser, value, builder, field, depth));
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw Unhandled.INSTANCE;
        }
    }

    private void map(JsonParser parser, JsonToken token, Message.Builder builder, FieldDescriptor field, int depth)
            throws IOException, Unhandled {
        if (token != JsonToken.START_OBJECT) {
            throw Unhandled.INSTANCE;
        }
        FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
        FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
        Set<String> keys = new HashSet<>();
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            if (!keys.add(key)) {
                throw Unhandled.INSTANCE;
            }
            Message.Builder entry = builder.newBuilderForField(field);
            Object keyValue = scalar(keyField, key, true);
            JsonToken valueToken = parser.nextToken();
            if (valueToken == JsonToken.VALUE_NULL) {
                throw Unhandled.INSTANCE;
            }
            Object value = value(parser, valueToken, entry, valueField, depth);
            entry.setField(keyField, keyValue);
            entry.setField(valueField, value);
            builder.addRepeatedField(field, entry.build());
        }
        if (token != JsonToken.END_OBJECT) {
            throw Unhandled.INSTANCE;
        }
    }

    /** One value of the field's type; the token is the value's first. */
    private Object value(JsonParser parser, JsonToken token, Message.Builder builder, FieldDescriptor field,
                         int depth) throws IOException, Unhandled {
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            if (token != JsonToken.START_OBJECT) {
                throw Unhandled.INSTANCE;
            }
            Message.Builder nested = builder.newBuilderForField(field);
            object(parser, nested, shapes.of(field.getMessageType()), depth + 1);
            return nested.build();
        }
        boolean text = token == JsonToken.VALUE_STRING;
        if (!text && token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT
                && token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            throw Unhandled.INSTANCE;
        }
        return scalar(field, parser.getText(), text);
    }

    /**
     * A scalar from its token's text: numbers, strings (numbers may be quoted), booleans. Only what JsonFormat reads
     * the same way is taken.
     *
     * @param quoted the token was a JSON string
     */
    private static Object scalar(FieldDescriptor field, String text, boolean quoted) throws Unhandled {
        try {
            switch (field.getType()) {
                case INT32, SINT32, SFIXED32:
                    return Integer.parseInt(text);
                case INT64, SINT64, SFIXED64:
                    return Long.parseLong(text);
                case UINT32, FIXED32: {
                    long value = Long.parseLong(text);
                    if (value < 0 || value > 0xFFFFFFFFL) {
                        throw Unhandled.INSTANCE;
                    }
                    return (int) value;
                }
                case UINT64, FIXED64:
                    if (text.startsWith("-")) {
                        throw Unhandled.INSTANCE;
                    }
                    return Long.parseUnsignedLong(text);
                case BOOL:
                    if (text.equals("true")) {
                        return Boolean.TRUE;
                    }
                    if (text.equals("false")) {
                        return Boolean.FALSE;
                    }
                    throw Unhandled.INSTANCE;
                case FLOAT:
                    return floatOf(text, quoted);
                case DOUBLE:
                    return doubleOf(text, quoted);
                case STRING:
                    if (!quoted) {
                        throw Unhandled.INSTANCE;
                    }
                    return text;
                case BYTES:
                    if (!quoted) {
                        throw Unhandled.INSTANCE;
                    }
                    return ByteString.copyFrom(BaseEncoding.base64().decode(text));
                case ENUM:
                    return enumOf(field.getEnumType(), text);
                default:
                    throw Unhandled.INSTANCE;
            }
        } catch (IllegalArgumentException e) { // NumberFormatException, and base64 that only base64url reads
            throw Unhandled.INSTANCE;
        }
    }

    private static Object floatOf(String text, boolean quoted) throws Unhandled {
        Object special = special(text, quoted, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
        if (special != null) {
            return special;
        }
        double value = Double.parseDouble(text);
        if (value > FLOAT_MAX || value < -FLOAT_MAX) {
            throw Unhandled.INSTANCE;
        }
        return (float) value;
    }

    private static Object doubleOf(String text, boolean quoted) throws Unhandled {
        Object special = special(text, quoted, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        if (special != null) {
            return special;
        }
        BigDecimal value = new BigDecimal(text);
        if (value.compareTo(DOUBLE_MAX) > 0 || value.compareTo(DOUBLE_MIN) < 0) {
            throw Unhandled.INSTANCE;
        }
        return value.doubleValue();
    }

    /** NaN and the infinities, as strings; other strings are left to JsonFormat unless they are plain numbers. */
    private static Object special(String text, boolean quoted, Object nan, Object infinity, Object negativeInfinity)
            throws Unhandled {
        if (!quoted) {
            return null;
        }
        switch (text) {
            case "NaN":
                return nan;
            case "Infinity":
                return infinity;
            case "-Infinity":
                return negativeInfinity;
            default:
                if (!plainNumber(text)) {
                    throw Unhandled.INSTANCE;
                }
                return null;
        }
    }

    /** JSON's number syntax, which Java's parsers and JsonFormat read alike. */
    private static boolean plainNumber(String text) {
        int i = 0;
        int n = text.length();
        if (i < n && text.charAt(i) == '-') {
            i++;
        }
        int digits = i;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
        }
        if (i == digits) {
            return false;
        }
        if (i < n && text.charAt(i) == '.') {
            i++;
            int fraction = i;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == fraction) {
                return false;
            }
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponent = i;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == exponent) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static EnumValueDescriptor enumOf(EnumDescriptor type, String text) throws Unhandled {
        EnumValueDescriptor value = type.findValueByName(text);
        if (value == null) {
            int number = Integer.parseInt(text);
            // an open enum keeps numbers it has no name for, as JsonFormat does
            value = type.isClosed() ? type.findValueByNumber(number) : type.findValueByNumberCreatingIfUnknown(number);
            if (value == null) {
                throw Unhandled.INSTANCE;
            }
        }
        return value;
    }
}
