package dev.polygate.translators.model.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The schemas of the well-known types, whose proto3 JSON form is not their message form: timestamps and
 * durations are strings, wrappers are their bare (nullable) scalar, Struct/Value/ListValue are free JSON.
 */
final class WellKnownSchemas {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String DURATION_PATTERN = "^-?[0-9]+(\\.[0-9]{1,9})?s$";

    private static final Map<String, Supplier<ObjectNode>> SCHEMAS = Map.ofEntries(
            Map.entry("google.protobuf.Timestamp", () -> string("date-time")
                    .put("description", "RFC 3339 date-time in UTC, e.g. 1972-01-01T10:00:20.021Z")),
            Map.entry("google.protobuf.Duration", () -> string(null).put("pattern", DURATION_PATTERN)
                    .put("description", "Seconds with up to 9 fractional digits and an s suffix, e.g. 1.5s")),
            Map.entry("google.protobuf.FieldMask", () -> string(null)
                    .put("description", "Comma-separated field paths in lowerCamelCase, e.g. title,author.displayName")),
            Map.entry("google.protobuf.Struct", () -> JSON.objectNode().put("type", "object")
                    .put("additionalProperties", true).put("description", "Any JSON object")),
            Map.entry("google.protobuf.Value", () -> JSON.objectNode().put("description", "Any JSON value")),
            Map.entry("google.protobuf.ListValue", () -> {
                ObjectNode list = JSON.objectNode().put("type", "array").put("description", "Any JSON array");
                list.putObject("items");
                return list;
            }),
            Map.entry("google.protobuf.Empty", () -> JSON.objectNode().put("type", "object")
                    .put("additionalProperties", false).put("description", "Always {}")),
            Map.entry("google.protobuf.Any", WellKnownSchemas::any),
            Map.entry("google.protobuf.DoubleValue", () -> nullable("number", "double")),
            Map.entry("google.protobuf.FloatValue", () -> nullable("number", "float")),
            Map.entry("google.protobuf.Int64Value", () -> nullable("string", "int64")),
            Map.entry("google.protobuf.UInt64Value", () -> nullable("string", "uint64")),
            Map.entry("google.protobuf.Int32Value", () -> nullable("integer", "int32")),
            Map.entry("google.protobuf.UInt32Value", () -> nullable("integer", "uint32")),
            Map.entry("google.protobuf.BoolValue", () -> nullable("boolean", null)),
            Map.entry("google.protobuf.StringValue", () -> nullable("string", null)),
            Map.entry("google.protobuf.BytesValue", () -> nullable("string", "byte").put("contentEncoding", "base64")));

    private WellKnownSchemas() {
    }

    /** The schema of a well-known message type, or null for any other type. */
    static ObjectNode of(String fullName) {
        Supplier<ObjectNode> schema = SCHEMAS.get(fullName);
        return schema == null ? null : schema.get();
    }

    private static ObjectNode string(String format) {
        ObjectNode node = JSON.objectNode().put("type", "string");
        return format == null ? node : node.put("format", format);
    }

    /** JSON Schema 2020-12 spells "nullable" as a second type; a wrapper's JSON null means unset. */
    private static ObjectNode nullable(String type, String format) {
        ObjectNode node = JSON.objectNode();
        node.putArray("type").add(type).add("null");
        return format == null ? node : node.put("format", format);
    }

    private static ObjectNode any() {
        ObjectNode node = JSON.objectNode().put("type", "object")
                .put("description", "A message of the type its @type URL names, with that type's fields "
                        + "(or a value field for well-known types whose JSON is not an object)");
        node.putObject("properties").putObject("@type").put("type", "string")
                .put("description", "type.googleapis.com/ followed by the full name of the message type");
        node.putArray("required").add("@type");
        node.put("additionalProperties", true);
        return node;
    }
}
