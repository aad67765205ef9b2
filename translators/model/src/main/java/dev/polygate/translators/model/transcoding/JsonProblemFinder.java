package dev.polygate.translators.model.transcoding;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.util.Durations;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;

/**
 * Explains why JSON was refused. JsonFormat's own messages name neither the field nor, for some mistakes,
 * the problem, so after it fails the document is walked again against the message type, following the same
 * rules, to report the first offending field by its path in the document ({@code book.author.birthYear}).
 * Runs only on the error path.
 */
final class JsonProblemFinder {

    private static final TypeAdapter<JsonElement> STRICT_TREE = new Gson().getAdapter(JsonElement.class);

    private final FieldNames names;
    private final boolean ignoreUnknownFields;

    JsonProblemFinder(FieldNames names, boolean ignoreUnknownFields) {
        this.names = names;
        this.ignoreUnknownFields = ignoreUnknownFields;
    }

    /** The problem as a client-facing sentence, or null when none is found. */
    String find(String json, Descriptor type, String pathPrefix) {
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setLenient(false);
            root = STRICT_TREE.read(reader);
        } catch (IOException | RuntimeException e) {
            return "malformed JSON: " + syntaxMessage(e.getMessage());
        }
        if (pathPrefix.isEmpty() && !root.isJsonObject()) {
            return "the JSON body must be an object, got " + describe(root);
        }
        return message(root, type, pathPrefix);
    }

    private String message(JsonElement json, Descriptor type, String path) {
        switch (type.getFullName()) {
            case "google.protobuf.Timestamp" -> {
                return stringMatching(json, path, StrictTimestamps::parse,
                        "an RFC 3339 timestamp such as \"2024-01-31T12:00:00Z\"");
            }
            case "google.protobuf.Duration" -> {
                return stringMatching(json, path, Durations::parse, "a duration such as \"1.5s\"");
            }
            case "google.protobuf.FieldMask" -> {
                return json.isJsonPrimitive() && json.getAsJsonPrimitive().isString() ? null
                        : at(path, "expected a string of comma-separated field paths, got " + describe(json));
            }
            case "google.protobuf.Value", "google.protobuf.Any" -> {
                return null;
            }
            case "google.protobuf.ListValue" -> {
                return json.isJsonArray() ? null : at(path, "expected an array, got " + describe(json));
            }
            default -> {
                if (type.getFullName().startsWith("google.protobuf.") && type.getFullName().endsWith("Value")) {
                    return value(type.findFieldByName("value"), json, path);
                }
            }
        }
        if (!json.isJsonObject()) {
            return at(path, "expected an object, got " + describe(json));
        }
        boolean struct = type.getFullName().equals("google.protobuf.Struct");
        for (Map.Entry<String, JsonElement> entry : json.getAsJsonObject().entrySet()) {
            String fieldPath = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
            if (struct) {
                continue;
            }
            FieldDescriptor f = names.find(type, entry.getKey());
            if (f == null) {
                if (ignoreUnknownFields) {
                    continue;
                }
                return at(fieldPath, "unknown field (" + type.getFullName() + " has no field named \""
                        + JsonText.shorten(entry.getKey()) + "\")");
            }
            String problem = field(f, entry.getValue(), fieldPath);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private String field(FieldDescriptor f, JsonElement json, String path) {
        if (json.isJsonNull()) {
            return null;
        }
        if (f.isMapField()) {
            if (!json.isJsonObject()) {
                return at(path, "expected an object (a map), got " + describe(json));
            }
            FieldDescriptor key = f.getMessageType().findFieldByName("key");
            FieldDescriptor val = f.getMessageType().findFieldByName("value");
            for (Map.Entry<String, JsonElement> e : json.getAsJsonObject().entrySet()) {
                String entryPath = path + "[" + JsonText.quote(JsonText.shorten(e.getKey())) + "]";
                if (key.getType() != FieldDescriptor.Type.STRING) {
                    String keyProblem = value(key, new JsonPrimitive(e.getKey()), entryPath + " (key)");
                    if (keyProblem != null) {
                        return keyProblem;
                    }
                }
                if (e.getValue().isJsonNull()) {
                    return at(entryPath, "map values cannot be null");
                }
                String problem = value(val, e.getValue(), entryPath);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (f.isRepeated()) {
            if (!json.isJsonArray()) {
                return at(path, "expected an array, got " + describe(json));
            }
            JsonArray array = json.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                String elementPath = path + "[" + i + "]";
                if (array.get(i).isJsonNull()) {
                    return at(elementPath, "null is not allowed in a list");
                }
                String problem = value(f, array.get(i), elementPath);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        return value(f, json, path);
    }

    /** One value of a field (an element, for a repeated field). */
    private String value(FieldDescriptor f, JsonElement json, String path) {
        if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            return message(json, f.getMessageType(), path);
        }
        if (!json.isJsonPrimitive()) {
            return at(path, "expected " + JsonScalars.expected(f) + ", got " + describe(json));
        }
        String problem = JsonScalars.check(f, json.getAsJsonPrimitive(), ignoreUnknownFields);
        return problem == null ? null : at(path, problem);
    }

    private interface TextCheck {
        void parse(String text) throws Exception;
    }

    private static String stringMatching(JsonElement json, String path, TextCheck check, String expected) {
        if (json.isJsonPrimitive() && json.getAsJsonPrimitive().isString()) {
            try {
                check.parse(json.getAsString());
                return null;
            } catch (Exception e) {
                // fall through to the message below
            }
        }
        return at(path, "expected " + expected + ", got " + describe(json));
    }

    static String describe(JsonElement json) {
        if (json.isJsonObject()) {
            return "an object";
        }
        if (json.isJsonArray()) {
            return "an array";
        }
        if (json.isJsonNull()) {
            return "null";
        }
        JsonPrimitive p = json.getAsJsonPrimitive();
        return p.isString() ? JsonText.quote(JsonText.shorten(p.getAsString())) : JsonText.shorten(p.toString());
    }

    private static String at(String path, String problem) {
        return path.isEmpty() ? problem : "field \"" + path + "\": " + problem;
    }

    /** Gson's syntax messages without Java class names or advice addressed to programmers. */
    static String syntaxMessage(String raw) {
        if (raw == null) {
            return "syntax error";
        }
        String message = raw.replaceAll("^([a-z]+\\.)+[A-Za-z]+(Exception|Error): ", "");
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        return message.replace("Use JsonReader.setLenient(true) to accept malformed JSON", "syntax error")
                .replace("End of input", "unexpected end of input");
    }
}
