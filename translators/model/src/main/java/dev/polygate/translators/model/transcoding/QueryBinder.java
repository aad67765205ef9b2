package dev.polygate.translators.model.transcoding;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import java.util.List;
import java.util.Map;

/**
 * Sets request fields from query parameters: {@code a.b=1} for nested fields, repetition for repeated fields,
 * names in proto or JSON spelling. Parameters naming unknown fields, message fields, or fields the path or
 * body already binds are refused, so that a client's mistake is never silently dropped.
 */
final class QueryBinder {

    private final FieldNames names;
    private final boolean ignoreUnknownFields;

    QueryBinder(FieldNames names, boolean ignoreUnknownFields) {
        this.names = names;
        this.ignoreUnknownFields = ignoreUnknownFields;
    }

    void apply(Map<String, List<String>> query, RequestPlan plan, Message.Builder builder) {
        for (Map.Entry<String, List<String>> param : query.entrySet()) {
            List<String> values = param.getValue();
            if (values == null || values.isEmpty()) {
                continue;
            }
            String name = param.getKey();
            FieldDescriptor[] fields = names.resolve(plan.inputType, name);
            if (fields == null) {
                if (ignoreUnknownFields) {
                    continue;
                }
                throw bad(name, explainUnknown(plan.inputType, name));
            }
            FieldDescriptor leaf = fields[fields.length - 1];
            checkSettable(name, leaf);
            checkNotBound(name, FieldNames.protoPath(fields), plan);
            Message.Builder target = builder;
            for (int i = 0; i < fields.length - 1; i++) {
                checkOneof(name, target, fields[i]);
                target = target.getFieldBuilder(fields[i]);
            }
            String where = "query parameter " + JsonText.quote(JsonText.shorten(name));
            if (leaf.isRepeated()) {
                for (String value : values) {
                    target.addRepeatedField(leaf, TextValueParser.parse(leaf, value, where));
                }
            } else {
                if (values.size() > 1) {
                    throw bad(name, "given " + values.size() + " times, but field \"" + leaf.getName()
                            + "\" is not repeated");
                }
                checkOneof(name, target, leaf);
                target.setField(leaf, TextValueParser.parse(leaf, values.get(0), where));
            }
        }
    }

    private static void checkSettable(String name, FieldDescriptor leaf) {
        if (FieldNames.acceptsText(leaf)) {
            return;
        }
        if (leaf.isMapField()) {
            throw bad(name, "names a map field, which cannot be set from the query");
        }
        if (leaf.isRepeated()) {
            throw bad(name, "names a repeated message field, which cannot be set from the query");
        }
        String type = leaf.getMessageType().getFullName();
        if (type.startsWith("google.protobuf.")) {
            throw bad(name, "names a " + type + " field, which cannot be set from the query");
        }
        FieldDescriptor example = leaf.getMessageType().getFields().isEmpty() ? null
                : leaf.getMessageType().getFields().get(0);
        throw bad(name, "names a message field; set its fields instead"
                + (example == null ? "" : ", e.g. \"" + name + "." + example.getJsonName() + "\""));
    }

    private static void checkNotBound(String name, String protoPath, RequestPlan plan) {
        for (String[] bound : plan.boundPaths) {
            String path = bound[0];
            if (protoPath.equals(path) || protoPath.startsWith(path + ".")) {
                throw bad(name, "sets field \"" + protoPath + "\", which " + bound[1] + " already sets");
            }
        }
    }

    private static void checkOneof(String name, Message.Builder target, FieldDescriptor field) {
        OneofDescriptor oneof = field.getRealContainingOneof();
        if (oneof != null && target.hasOneof(oneof) && target.getOneofFieldDescriptor(oneof) != field) {
            throw bad(name, "field \"" + target.getOneofFieldDescriptor(oneof).getName() + "\" of oneof \""
                    + oneof.getName() + "\" is already set");
        }
    }

    /** Says which component of a dotted name is wrong. */
    private String explainUnknown(Descriptor type, String name) {
        Descriptor current = type;
        String[] parts = name.split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            FieldDescriptor f = names.find(current, parts[i]);
            if (f == null) {
                return "unknown field (" + current.getFullName() + " has no field named "
                        + JsonText.quote(JsonText.shorten(parts[i])) + ")";
            }
            if (i < parts.length - 1) {
                if (!FieldNames.isSingularMessage(f) || FieldNames.isTextMessage(f)) {
                    return "\"" + f.getName() + "\" is not a message, it has no field "
                            + JsonText.quote(JsonText.shorten(parts[i + 1]));
                }
                current = f.getMessageType();
            }
        }
        return "unknown field";
    }

    private static GatewayException bad(String name, String problem) {
        return new GatewayException(ErrorKind.BAD_REQUEST,
                "query parameter " + JsonText.quote(JsonText.shorten(name)) + ": " + problem);
    }
}
