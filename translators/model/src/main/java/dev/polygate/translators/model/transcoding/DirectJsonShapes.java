package dev.polygate.translators.model.transcoding;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which message types {@link DirectJsonReader} and {@link DirectJsonWriter} handle, and what each needs, worked out
 * once per type. Handled: messages whose fields, at any depth, are scalars, strings, bytes, enums, other handled
 * messages, repeated fields, maps and oneofs. Left to JsonFormat: any type that reaches a well-known type (every
 * {@code google.protobuf} message, and the {@code NullValue} enum, which have JSON forms of their own), a group,
 * or a type with extensions. Thread-safe.
 */
final class DirectJsonShapes {

    /** What the direct path knows of one handled message type. */
    static final class Shape {
        /** Fields by every name JsonFormat accepts: the proto name and the JSON name, later fields winning. */
        final Map<String, FieldDescriptor> byName;
        /** The name each field is printed under, by field index. */
        final String[] printedNames;
        /**
         * How each field holds its values, by field index: {@link #SINGLE}, {@link #REPEATED} or {@link #MAP}
         * (asking the descriptor decodes its label each time).
         */
        final byte[] cardinality;

        private Shape(Map<String, FieldDescriptor> byName, String[] printedNames, byte[] cardinality) {
            this.byName = byName;
            this.printedNames = printedNames;
            this.cardinality = cardinality;
        }
    }

    static final byte SINGLE = 0;
    static final byte REPEATED = 1;
    static final byte MAP = 2;

    private static final Shape UNHANDLED = new Shape(Map.of(), new String[0], new byte[0]);

    private final boolean protoFieldNames;
    private final Map<Descriptor, Shape> shapes = new ConcurrentHashMap<>();

    /** @param protoFieldNames print fields by their .proto names instead of their JSON names */
    DirectJsonShapes(boolean protoFieldNames) {
        this.protoFieldNames = protoFieldNames;
    }

    /** The shape of a handled type, or null when JsonFormat must read and write it. */
    Shape of(Descriptor type) {
        Shape shape = shapes.get(type);
        if (shape == null) {
            shape = shapes.computeIfAbsent(type, t -> handled(t, new HashSet<>()) ? build(t) : UNHANDLED);
        }
        return shape == UNHANDLED ? null : shape;
    }

    private Shape build(Descriptor type) {
        List<FieldDescriptor> fields = type.getFields();
        Map<String, FieldDescriptor> byName = new HashMap<>(fields.size() * 4);
        String[] printed = new String[fields.size()];
        byte[] cardinality = new byte[fields.size()];
        for (FieldDescriptor field : fields) {
            byName.put(field.getName(), field);
            byName.put(field.getJsonName(), field);
            printed[field.getIndex()] = protoFieldNames ? field.getName() : field.getJsonName();
            cardinality[field.getIndex()] = field.isMapField() ? MAP : field.isRepeated() ? REPEATED : SINGLE;
        }
        return new Shape(byName, printed, cardinality);
    }

    /** True when the type and every type it reaches is handled; types on the way are assumed handled. */
    private static boolean handled(Descriptor type, Set<Descriptor> visiting) {
        if (!visiting.add(type)) {
            return true;
        }
        if (isWellKnown(type.getFullName()) || type.isExtendable()) {
            return false;
        }
        for (FieldDescriptor field : type.getFields()) {
            if (field.getType() == FieldDescriptor.Type.GROUP || !plainName(field.getJsonName())) {
                return false;
            }
            if (field.getType() == FieldDescriptor.Type.ENUM && isWellKnown(field.getEnumType().getFullName())) {
                return false;
            }
            if (field.getType() == FieldDescriptor.Type.MESSAGE && !handled(field.getMessageType(), visiting)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWellKnown(String fullName) {
        return fullName.startsWith("google.protobuf.");
    }

    /** Names printed without escaping must need none. */
    private static boolean plainName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
