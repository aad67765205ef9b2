package dev.polygate.translators.model.protosource;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Options as .proto text: {@code name = value} for descriptor.proto's own options and
 * {@code (full.name) = value} for custom ones, message values in text format. Custom options are found
 * among the extensions the file and its imports declare, whether the options were parsed knowing them or
 * keep them as unknown fields.
 */
final class OptionText {
    private final ExtensionRegistry registry = ExtensionRegistry.newInstance();
    /** Options type full name → the descriptor the extensions of that type extend. */
    private final Map<String, Descriptor> extended = new HashMap<>();

    OptionText(FileDescriptor file) {
        Deque<FileDescriptor> pending = new ArrayDeque<>(List.of(file));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            FileDescriptor next = pending.pop();
            if (!seen.add(next.getName())) {
                continue;
            }
            next.getExtensions().forEach(this::add);
            next.getMessageTypes().forEach(this::addNested);
            pending.addAll(next.getDependencies());
        }
    }

    private void addNested(Descriptor message) {
        message.getExtensions().forEach(this::add);
        message.getNestedTypes().forEach(this::addNested);
    }

    private void add(FieldDescriptor extension) {
        if (extension.getContainingType().getFullName().startsWith("google.protobuf.")
                && extension.getContainingType().getName().endsWith("Options")) {
            extended.putIfAbsent(extension.getContainingType().getFullName(), extension.getContainingType());
            if (extension.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                registry.add(extension, DynamicMessage.getDefaultInstance(extension.getMessageType()));
            } else {
                registry.add(extension);
            }
        }
    }

    /** Each option set in {@code options} as {@code name = value}, in field number order. */
    List<String> entries(Message options, boolean singleLine) {
        List<String> entries = new ArrayList<>();
        Descriptor type = extended.getOrDefault(options.getDescriptorForType().getFullName(),
                options.getDescriptorForType());
        DynamicMessage parsed;
        try {
            parsed = DynamicMessage.parseFrom(type, options.toByteString(), registry);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("options of type " + type.getFullName() + " cannot be read", e);
        }
        for (Map.Entry<FieldDescriptor, Object> option : parsed.getAllFields().entrySet()) {
            FieldDescriptor field = option.getKey();
            String name = field.isExtension() ? "(" + field.getFullName() + ")" : field.getName();
            List<?> values = field.isRepeated() ? (List<?>) option.getValue() : List.of(option.getValue());
            for (Object value : values) {
                entries.add(name + " = " + value(field, value, singleLine));
            }
        }
        for (int number : parsed.getUnknownFields().asMap().keySet()) {
            entries.add("/* option field " + number + ": no declaration of it is imported */");
        }
        return entries;
    }

    static String value(FieldDescriptor field, Object value, boolean singleLine) {
        return switch (field.getJavaType()) {
            case STRING -> quote(ByteString.copyFromUtf8((String) value));
            case BYTE_STRING -> quote((ByteString) value);
            case ENUM -> ((EnumValueDescriptor) value).getName();
            case FLOAT, DOUBLE -> number(value.toString());
            case MESSAGE -> aggregate((Message) value, singleLine);
            default -> value.toString();
        };
    }

    private static String aggregate(Message message, boolean singleLine) {
        if (singleLine) {
            return "{ " + TextFormat.printer().shortDebugString(message) + " }";
        }
        String text = TextFormat.printer().printToString(message);
        StringBuilder block = new StringBuilder("{\n");
        for (String line : text.split("\n")) {
            block.append("  ").append(line).append('\n');
        }
        return block.append('}').toString();
    }

    /** protoc spells infinities and NaN as identifiers. */
    static String number(String javaText) {
        return switch (javaText) {
            case "Infinity" -> "inf";
            case "-Infinity" -> "-inf";
            case "NaN" -> "nan";
            default -> javaText;
        };
    }

    /** A .proto string literal of the bytes, C-escaped as protoc writes them. */
    static String quote(ByteString bytes) {
        return "\"" + TextFormat.escapeBytes(bytes) + "\"";
    }
}
