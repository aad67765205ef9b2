package dev.polygate.translators.model.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of messages, enums and fields under the proto3 JSON
 * mapping, and errors as {@code google.rpc.Status} JSON: what the gRPC routes' REST transcoding speaks.
 */
final class Proto3JsonDialect implements JsonDialect {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final boolean protoNames;

    Proto3JsonDialect(boolean protoNames) {
        this.protoNames = protoNames;
    }

    @Override
    public String apiDescription() {
        return "REST/JSON bindings of gRPC services (google.api.http), transcoded by the gateway. "
                + "Field names are " + (protoNames ? "the .proto names" : "lowerCamelCase")
                + " in answers; requests may use either spelling.";
    }

    /** lowerCamelCase (or the json_name), or the proto name. */
    @Override
    public String propertyName(FieldDescriptor field) {
        return protoNames ? field.getName() : field.getJsonName();
    }

    @Override
    public ObjectNode messageSchema(Descriptor message, SchemaRefs refs) {
        ObjectNode known = WellKnownSchemas.of(message.getFullName());
        return known != null ? known : objectSchema(message, f -> false, true, refs);
    }

    @Override
    public ObjectNode enumSchema(EnumDescriptor type) {
        ObjectNode schema = JSON.objectNode();
        if (type.getFullName().equals("google.protobuf.NullValue")) {
            return schema.put("type", "null");
        }
        schema.put("type", "string").put("title", type.getName())
                .put("description", "Enum " + type.getFullName() + "; printed by name, also read from its number");
        var names = schema.putArray("enum");
        for (EnumValueDescriptor value : type.getValues()) {
            names.add(value.getName());
        }
        return schema;
    }

    @Override
    public ObjectNode objectSchema(Descriptor message, Predicate<FieldDescriptor> leaveOut, boolean titled,
                                   SchemaRefs refs) {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        if (titled) {
            schema.put("title", message.getName());
        }
        ObjectNode properties = schema.putObject("properties");
        StringBuilder oneofs = new StringBuilder();
        for (FieldDescriptor field : message.getFields()) {
            if (!leaveOut.test(field)) {
                properties.set(propertyName(field), fieldSchema(field, refs));
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

    @Override
    public ObjectNode fieldSchema(FieldDescriptor field, SchemaRefs refs) {
        ObjectNode schema;
        if (field.isMapField()) {
            Descriptor entry = field.getMessageType();
            schema = JSON.objectNode().put("type", "object");
            schema.set("additionalProperties", valueSchema(entry.findFieldByNumber(2), refs));
            String keys = keyDescription(entry.findFieldByNumber(1));
            if (keys != null) {
                schema.put("description", keys);
            }
        } else if (field.isRepeated()) {
            schema = JSON.objectNode().put("type", "array");
            schema.set("items", valueSchema(field, refs));
        } else {
            schema = valueSchema(field, refs);
        }
        OneofDescriptor oneof = field.getRealContainingOneof();
        if (oneof != null) {
            schema.put("description", "Member of oneof " + oneof.getName() + ": set at most one of "
                    + String.join(", ", oneof.getFields().stream().map(this::propertyName).toList()));
        }
        return schema;
    }

    @Override
    public ObjectNode valueSchema(FieldDescriptor field, SchemaRefs refs) {
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
            case ENUM -> refs.ref(field.getEnumType());
            case MESSAGE, GROUP -> refs.ref(field.getMessageType());
        };
    }

    @Override
    public void errorResponses(MethodDescriptor method, ObjectNode responses, SchemaRefs refs) {
        ObjectNode error = responses.putObject("default")
                .put("description", "An error: the gRPC status as JSON, with the HTTP status of its code");
        error.putObject("content").putObject("application/json")
                .set("schema", refs.ref(com.google.rpc.Status.getDescriptor()));
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
            default -> "Keys are " + key.getType().name().toLowerCase(Locale.ROOT) + " numbers as strings";
        };
    }
}
