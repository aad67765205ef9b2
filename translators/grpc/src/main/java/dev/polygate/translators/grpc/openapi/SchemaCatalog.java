package dev.polygate.translators.grpc.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of messages, enums and fields under the proto3 JSON
 * mapping. Every message and enum reached becomes one entry of {@code components.schemas} named by its full
 * name and is referenced with {@code $ref}, which also covers recursive messages.
 */
final class SchemaCatalog {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String PREFIX = "#/components/schemas/";

    private final boolean protoNames;
    /** Sorted, so that a document's text does not depend on the order operations are visited. */
    private final TreeMap<String, ObjectNode> components = new TreeMap<>();

    SchemaCatalog(boolean protoNames) {
        this.protoNames = protoNames;
    }

    ObjectNode components() {
        ObjectNode schemas = JSON.objectNode();
        components.forEach(schemas::set);
        return schemas;
    }

    /** The JSON property name of a field: lowerCamelCase (or its json_name), or the proto name. */
    String propertyName(FieldDescriptor field) {
        return protoNames ? field.getName() : field.getJsonName();
    }

    ObjectNode ref(Descriptor message) {
        String name = message.getFullName();
        if (!components.containsKey(name)) {
            components.put(name, JSON.objectNode()); // placeholder first: a recursive message finds itself
            ObjectNode known = WellKnownSchemas.of(name);
            components.put(name, known != null ? known : objectSchema(message, f -> false, true));
        }
        return JSON.objectNode().put("$ref", PREFIX + name);
    }

    ObjectNode ref(EnumDescriptor type) {
        String name = type.getFullName();
        if (!components.containsKey(name)) {
            ObjectNode schema = JSON.objectNode();
            if (name.equals("google.protobuf.NullValue")) {
                schema.put("type", "null");
            } else {
                schema.put("type", "string").put("title", type.getName())
                        .put("description", "Enum " + name + "; printed by name, also read from its number");
                var names = schema.putArray("enum");
                for (EnumValueDescriptor value : type.getValues()) {
                    names.add(value.getName());
                }
            }
            components.put(name, schema);
        }
        return JSON.objectNode().put("$ref", PREFIX + name);
    }

    /**
     * A message as a JSON object.
     *
     * @param leaveOut fields left out (those a request's path binds)
     * @param titled   whether to give the schema its message name as title (components), or not (inline)
     */
    ObjectNode objectSchema(Descriptor message, Predicate<FieldDescriptor> leaveOut, boolean titled) {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        if (titled) {
            schema.put("title", message.getName());
        }
        ObjectNode properties = schema.putObject("properties");
        StringBuilder oneofs = new StringBuilder();
        for (FieldDescriptor field : message.getFields()) {
            if (!leaveOut.test(field)) {
                properties.set(propertyName(field), fieldSchema(field));
            }
        }
        for (OneofDescriptor oneof : message.getRealOneofs()) {
            oneofs.append(oneofs.length() == 0 ? "" : "; ").append(oneof.getName()).append(": ")
                    .append(String.join(", ", oneof.getFields().stream().map(this::propertyName).toList()));
        }
        if (oneofs.length() > 0) {
            schema.put("description", "At most one property of each oneof may be set (" + oneofs + ")");
        }
        return schema;
    }

    /** A field's schema: arrays for repeated fields, objects for maps, else the value's schema. */
    ObjectNode fieldSchema(FieldDescriptor field) {
        ObjectNode schema;
        if (field.isMapField()) {
            Descriptor entry = field.getMessageType();
            schema = JSON.objectNode().put("type", "object");
            schema.set("additionalProperties", valueSchema(entry.findFieldByNumber(2)));
            String keys = keyDescription(entry.findFieldByNumber(1));
            if (keys != null) {
                schema.put("description", keys);
            }
        } else if (field.isRepeated()) {
            schema = JSON.objectNode().put("type", "array");
            schema.set("items", valueSchema(field));
        } else {
            schema = valueSchema(field);
        }
        OneofDescriptor oneof = field.getRealContainingOneof();
        if (oneof != null) {
            schema.put("description", "Member of oneof " + oneof.getName() + ": set at most one of "
                    + String.join(", ", oneof.getFields().stream().map(this::propertyName).toList()));
        }
        return schema;
    }

    /** The schema of one value of a field (an element of a repeated field). */
    ObjectNode valueSchema(FieldDescriptor field) {
        return switch (field.getType()) {
            case INT32, SINT32, SFIXED32 -> integer("int32");
            case UINT32, FIXED32 -> integer("uint32").put("minimum", 0).put("maximum", 4294967295L);
            // 64-bit integers are strings in proto3 JSON: JavaScript numbers cannot hold them exactly.
            case INT64, SINT64, SFIXED64 -> JSON.objectNode().put("type", "string").put("format", "int64")
                    .put("pattern", "^-?[0-9]+$");
            case UINT64, FIXED64 -> JSON.objectNode().put("type", "string").put("format", "uint64")
                    .put("pattern", "^[0-9]+$");
            case FLOAT -> number("float");
            case DOUBLE -> number("double");
            case BOOL -> JSON.objectNode().put("type", "boolean");
            case STRING -> JSON.objectNode().put("type", "string");
            case BYTES -> JSON.objectNode().put("type", "string").put("format", "byte")
                    .put("contentEncoding", "base64");
            case ENUM -> ref(field.getEnumType());
            case MESSAGE, GROUP -> ref(field.getMessageType());
        };
    }

    private static ObjectNode integer(String format) {
        return JSON.objectNode().put("type", "integer").put("format", format);
    }

    private static ObjectNode number(String format) {
        return JSON.objectNode().put("type", "number").put("format", format)
                .put("description", "Also the strings \"NaN\", \"Infinity\" and \"-Infinity\"");
    }

    private static String keyDescription(FieldDescriptor key) {
        return switch (key.getJavaType()) {
            case STRING -> null;
            case BOOLEAN -> "Keys are \"true\" or \"false\"";
            default -> "Keys are " + key.getType().name().toLowerCase(java.util.Locale.ROOT) + " numbers as strings";
        };
    }
}
