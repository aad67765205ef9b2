package dev.polygate.translators.model.openapi;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;

/** Dotted field paths of templates, resolved as the transcoder does: each part by proto or JSON name. */
final class FieldPaths {

    private FieldPaths() {
    }

    /** The fields along the path, or null when a part is missing or not a message before the last. */
    static FieldDescriptor[] resolve(Descriptor type, String dottedPath) {
        String[] parts = dottedPath.split("\\.", -1);
        FieldDescriptor[] fields = new FieldDescriptor[parts.length];
        Descriptor current = type;
        for (int i = 0; i < parts.length; i++) {
            if (current == null) {
                return null;
            }
            String part = parts[i];
            FieldDescriptor field = current.findFieldByName(part);
            if (field == null) {
                field = current.getFields().stream().filter(f -> f.getJsonName().equals(part)).findFirst().orElse(null);
            }
            if (field == null) {
                return null;
            }
            fields[i] = field;
            current = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated()
                    ? field.getMessageType() : null;
        }
        return fields;
    }

    static String protoPath(FieldDescriptor[] fields) {
        StringBuilder path = new StringBuilder();
        for (FieldDescriptor field : fields) {
            path.append(path.length() == 0 ? "" : ".").append(field.getName());
        }
        return path.toString();
    }
}
