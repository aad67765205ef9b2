package dev.polygate.translators.model.transcoding;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Field lookup by proto name or JSON name, cached per message type, and the classification of fields that
 * can be given as one text value (path variables and query parameters).
 */
final class FieldNames {

    /** Message types whose JSON form is a string or a bare scalar, so a text value can set them. */
    private static final Set<String> TEXT_MESSAGES = Set.of(
            "google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.FieldMask",
            "google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value",
            "google.protobuf.UInt64Value", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
            "google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.BytesValue");

    private final Map<Descriptor, Map<String, FieldDescriptor>> byType = new ConcurrentHashMap<>();
    /** Resolved dotted paths; only successes are kept, so client typos cannot grow it. */
    private final Map<Descriptor, Map<String, FieldDescriptor[]>> paths = new ConcurrentHashMap<>();

    /** The field called {@code name} (proto or JSON spelling), or null. */
    FieldDescriptor find(Descriptor type, String name) {
        return byType.computeIfAbsent(type, FieldNames::index).get(name);
    }

    /**
     * Resolves a dotted path; every component but the last must be a singular message field.
     *
     * @return the fields along the path, or null when a component is missing or not a singular message
     */
    FieldDescriptor[] resolve(Descriptor type, String dottedPath) {
        Map<String, FieldDescriptor[]> known = paths.computeIfAbsent(type, k -> new ConcurrentHashMap<>());
        FieldDescriptor[] fields = known.get(dottedPath);
        if (fields == null) {
            fields = walk(type, dottedPath);
            if (fields != null) {
                known.put(dottedPath, fields);
            }
        }
        return fields;
    }

    private FieldDescriptor[] walk(Descriptor type, String dottedPath) {
        String[] parts = dottedPath.split("\\.", -1);
        FieldDescriptor[] fields = new FieldDescriptor[parts.length];
        Descriptor current = type;
        for (int i = 0; i < parts.length; i++) {
            if (current == null) {
                return null;
            }
            FieldDescriptor f = find(current, parts[i]);
            if (f == null) {
                return null;
            }
            fields[i] = f;
            current = isSingularMessage(f) && !isTextMessage(f) ? f.getMessageType() : null;
        }
        return fields;
    }

    /** The path in proto names: the canonical form used to compare bindings. */
    static String protoPath(FieldDescriptor[] fields) {
        StringBuilder sb = new StringBuilder();
        for (FieldDescriptor f : fields) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(f.getName());
        }
        return sb.toString();
    }

    static boolean isSingularMessage(FieldDescriptor f) {
        return f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isRepeated();
    }

    static boolean isTextMessage(FieldDescriptor f) {
        return f.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                && TEXT_MESSAGES.contains(f.getMessageType().getFullName());
    }

    /** Whether one text value (or several, for a repeated field) can set the field. */
    static boolean acceptsText(FieldDescriptor f) {
        if (f.isMapField()) {
            return false;
        }
        return f.getJavaType() != FieldDescriptor.JavaType.MESSAGE || isTextMessage(f);
    }

    private static Map<String, FieldDescriptor> index(Descriptor type) {
        Map<String, FieldDescriptor> names = new HashMap<>();
        for (FieldDescriptor f : type.getFields()) {
            names.put(f.getJsonName(), f);
        }
        // Proto names win when a JSON name of one field equals the proto name of another.
        for (FieldDescriptor f : type.getFields()) {
            names.put(f.getName(), f);
        }
        return Map.copyOf(names);
    }
}
