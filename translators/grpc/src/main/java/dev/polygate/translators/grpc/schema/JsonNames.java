package dev.polygate.translators.grpc.schema;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.MessageType;
import com.squareup.wire.schema.ProtoFile;
import com.squareup.wire.schema.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills in {@code json_name} the way protoc does. Wire's encoder leaves it out, even where the source
 * declares one ({@code [json_name = "orderId"]}), and the proto3 JSON mapping depends on it.
 */
final class JsonNames {
    private JsonNames() {
    }

    static FileDescriptorProto fill(FileDescriptorProto proto, ProtoFile source) {
        Map<String, String> declared = new HashMap<>();
        collect(source.getTypes(), declared);
        String prefix = proto.getPackage().isEmpty() ? "" : proto.getPackage() + ".";
        FileDescriptorProto.Builder file = proto.toBuilder();
        file.getMessageTypeBuilderList().forEach(m -> fill(m, prefix + m.getName(), declared));
        file.getExtensionBuilderList().forEach(f -> fill(f, null, declared));
        return file.build();
    }

    private static void fill(DescriptorProto.Builder message, String fullName, Map<String, String> declared) {
        message.getFieldBuilderList().forEach(f -> fill(f, fullName, declared));
        message.getExtensionBuilderList().forEach(f -> fill(f, null, declared));
        message.getNestedTypeBuilderList().forEach(n -> fill(n, fullName + "." + n.getName(), declared));
    }

    private static void fill(FieldDescriptorProto.Builder field, String messageName, Map<String, String> declared) {
        if (!field.hasJsonName()) {
            String name = messageName == null ? null : declared.get(messageName + "#" + field.getName());
            field.setJsonName(name != null ? name : toJsonName(field.getName()));
        }
    }

    private static void collect(List<Type> types, Map<String, String> declared) {
        for (Type type : types) {
            if (type instanceof MessageType message) {
                for (Field field : message.getFieldsAndOneOfFields()) {
                    if (field.getDeclaredJsonName() != null) {
                        declared.put(message.getType().toString() + "#" + field.getName(), field.getDeclaredJsonName());
                    }
                }
            }
            collect(type.getNestedTypes(), declared);
        }
    }

    /** protoc's rule: drop each underscore and upper-case the letter after it. */
    static String toJsonName(String fieldName) {
        StringBuilder json = new StringBuilder(fieldName.length());
        boolean upper = false;
        for (char c : fieldName.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                json.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return json.toString();
    }
}
