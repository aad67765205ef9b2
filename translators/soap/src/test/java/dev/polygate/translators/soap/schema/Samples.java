package dev.polygate.translators.soap.schema;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;

/** A message with every field set (the first member of each oneof), nested messages to a small depth. */
final class Samples {
    private Samples() {
    }

    static DynamicMessage fill(Descriptor type, int depth) {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        for (FieldDescriptor field : type.getFields()) {
            if (field.getRealContainingOneof() != null && field.getRealContainingOneof().getFields().get(0) != field) {
                continue;
            }
            if (field.isMapField()) {
                Descriptor entry = field.getMessageType();
                builder.addRepeatedField(field, DynamicMessage.newBuilder(entry)
                        .setField(entry.findFieldByNumber(1), "{urn:x}a").setField(entry.findFieldByNumber(2), "v").build());
                continue;
            }
            Object value = value(field, depth);
            if (value == null) {
                continue;
            }
            if (field.isRepeated()) {
                builder.addRepeatedField(field, value);
            } else {
                builder.setField(field, value);
            }
        }
        return builder.build();
    }

    private static Object value(FieldDescriptor field, int depth) {
        return switch (field.getJavaType()) {
            case INT, LONG -> field.getJavaType() == FieldDescriptor.JavaType.INT ? (Object) 1 : (Object) 1L;
            case FLOAT -> 1.5f;
            case DOUBLE -> 2.5d;
            case BOOLEAN -> true;
            case STRING -> "text";
            case BYTE_STRING -> ByteString.copyFromUtf8("bytes");
            case ENUM -> field.getEnumType().getValues().get(field.getEnumType().getValues().size() - 1);
            case MESSAGE -> depth > 2 ? null : fill(field.getMessageType(), depth + 1);
        };
    }
}
