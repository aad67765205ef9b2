package dev.polygate.translators.model.protosource;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Messages as .proto text: fields in declaration order, oneofs where their first field is, nested types. */
final class MessagePrinter {
    /** The largest field number: descriptor ranges end at it plus one. */
    private static final int MAX_FIELD_END = 536_870_912;

    private final SourceWriter out;
    private final OptionText options;
    private final boolean proto3;
    private final boolean proto2;

    MessagePrinter(SourceWriter out, OptionText options, String syntax) {
        this.out = out;
        this.options = options;
        this.proto3 = syntax.equals("proto3");
        this.proto2 = syntax.equals("proto2");
    }

    void message(DescriptorProto message, List<Integer> path) {
        out.comment(path).open("message " + message.getName() + " {");
        body(message, path);
        out.close();
    }

    private void body(DescriptorProto message, List<Integer> path) {
        for (String entry : options.entries(message.getOptions(), false)) {
            out.line(entry.startsWith("/*") ? entry : "option " + entry + ";");
        }
        Map<String, DescriptorProto> nested = new LinkedHashMap<>();
        message.getNestedTypeList().forEach(n -> nested.put(n.getName(), n));
        for (int i = 0; i < message.getEnumTypeCount(); i++) {
            out.blank();
            ProtoSourcePrinter.enumType(out, options, message.getEnumType(i), ProtoSourcePrinter.append(path, 4, i));
        }
        // protoc lists a map entry or group type where its field is declared among the nested types: nested
        // messages declared before that field must be written before it to come out in the same order.
        NestedTypes types = new NestedTypes(message, path);
        Map<Integer, List<Integer>> oneofMembers = new HashMap<>();
        for (int i = 0; i < message.getFieldCount(); i++) {
            FieldDescriptorProto field = message.getField(i);
            if (field.hasOneofIndex() && !field.getProto3Optional()) {
                oneofMembers.computeIfAbsent(field.getOneofIndex(), k -> new ArrayList<>()).add(i);
            }
        }
        Set<Integer> oneofsDone = new HashSet<>();
        for (int i = 0; i < message.getFieldCount(); i++) {
            FieldDescriptorProto field = message.getField(i);
            if (field.hasOneofIndex() && !field.getProto3Optional()) {
                int oneof = field.getOneofIndex();
                if (oneofsDone.add(oneof)) {
                    oneofMembers.get(oneof).forEach(member -> types.before(message.getField(member)));
                    List<Integer> oneofPath = ProtoSourcePrinter.append(path, 8, oneof);
                    out.comment(oneofPath).open("oneof " + message.getOneofDecl(oneof).getName() + " {");
                    for (String entry : options.entries(message.getOneofDecl(oneof).getOptions(), false)) {
                        out.line("option " + entry + ";");
                    }
                    for (int member : oneofMembers.get(oneof)) {
                        field(message.getField(member), ProtoSourcePrinter.append(path, 2, member), nested, true);
                    }
                    out.close();
                }
                continue;
            }
            types.before(field);
            field(field, ProtoSourcePrinter.append(path, 2, i), nested, false);
        }
        types.rest();
        List<Integer> extensionsPath = new ArrayList<>(path);
        extensionsPath.add(6);
        extensions(message.getExtensionList(), extensionsPath);
        List<String> ranges = new ArrayList<>();
        message.getExtensionRangeList().forEach(r -> ranges.add(range(r.getStart(), r.getEnd())));
        if (!ranges.isEmpty()) {
            out.line("extensions " + String.join(", ", ranges) + ";");
        }
        List<String> reserved = new ArrayList<>();
        message.getReservedRangeList().forEach(r -> reserved.add(range(r.getStart(), r.getEnd())));
        reserved(out, reserved, message.getReservedNameList());
    }

    /** Writes the nested messages that are not map entries or groups, in their declaration order. */
    private final class NestedTypes {
        private final DescriptorProto message;
        private final List<Integer> path;
        private int next;

        NestedTypes(DescriptorProto message, List<Integer> path) {
            this.message = message;
            this.path = path;
        }

        /** Writes the nested messages declared before the field's own map entry or group type. */
        void before(FieldDescriptorProto field) {
            String simple = field.getTypeName().substring(field.getTypeName().lastIndexOf('.') + 1);
            for (int i = next; i < message.getNestedTypeCount(); i++) {
                if (message.getNestedType(i).getName().equals(simple) && isInline(message.getNestedType(i), field)) {
                    writeUpTo(i);
                    next = i + 1;
                    return;
                }
            }
        }

        void rest() {
            writeUpTo(message.getNestedTypeCount());
        }

        private void writeUpTo(int end) {
            for (int i = next; i < end; i++) {
                DescriptorProto type = message.getNestedType(i);
                if (!isInlineAnywhere(type)) {
                    out.blank();
                    message(type, ProtoSourcePrinter.append(path, 3, i));
                }
            }
            next = Math.max(next, end);
        }

        private boolean isInlineAnywhere(DescriptorProto type) {
            return message.getFieldList().stream().anyMatch(f -> isInline(type, f));
        }
    }

    /** Whether the nested type is written as part of the field: its map entry, or its group. */
    private static boolean isInline(DescriptorProto type, FieldDescriptorProto field) {
        String simple = field.getTypeName().substring(field.getTypeName().lastIndexOf('.') + 1);
        if (!type.getName().equals(simple)) {
            return false;
        }
        return type.getOptions().getMapEntry() && field.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED
                || field.getType() == FieldDescriptorProto.Type.TYPE_GROUP;
    }

    /** Extensions grouped by the type they extend, as {@code extend} blocks. */
    void extensions(List<FieldDescriptorProto> extensions, List<Integer> path) {
        Map<String, List<Integer>> byExtendee = new LinkedHashMap<>();
        for (int i = 0; i < extensions.size(); i++) {
            byExtendee.computeIfAbsent(extensions.get(i).getExtendee(), k -> new ArrayList<>()).add(i);
        }
        byExtendee.forEach((extendee, indexes) -> {
            out.blank().open("extend " + qualified(extendee) + " {");
            for (int i : indexes) {
                List<Integer> fieldPath = new ArrayList<>(path);
                fieldPath.add(i);
                field(extensions.get(i), fieldPath, Map.of(), false);
            }
            out.close();
        });
    }

    private void field(FieldDescriptorProto field, List<Integer> path, Map<String, DescriptorProto> nested,
                       boolean inOneof) {
        out.comment(path);
        String simpleType = field.getTypeName().substring(field.getTypeName().lastIndexOf('.') + 1);
        DescriptorProto entry = field.getType() == FieldDescriptorProto.Type.TYPE_MESSAGE
                && field.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED ? nested.get(simpleType) : null;
        if (entry != null && entry.getOptions().getMapEntry()) {
            out.line("map<" + type(entry.getField(0)) + ", " + type(entry.getField(1)) + "> " + field.getName()
                    + " = " + field.getNumber() + ProtoSourcePrinter.brackets(fieldOptions(field)) + ";");
            return;
        }
        String label = inOneof ? "" : label(field);
        if (field.getType() == FieldDescriptorProto.Type.TYPE_GROUP && nested.containsKey(simpleType)) {
            out.open(label + "group " + simpleType + " = " + field.getNumber()
                    + ProtoSourcePrinter.brackets(fieldOptions(field)) + " {");
            body(nested.get(simpleType), path);
            out.close();
            return;
        }
        out.line(label + type(field) + " " + field.getName() + " = " + field.getNumber()
                + ProtoSourcePrinter.brackets(fieldOptions(field)) + ";");
    }

    private String label(FieldDescriptorProto field) {
        return switch (field.getLabel()) {
            case LABEL_REPEATED -> "repeated ";
            case LABEL_REQUIRED -> "required ";
            case LABEL_OPTIONAL -> proto2 || (proto3 && field.getProto3Optional()) ? "optional " : "";
        };
    }

    private List<String> fieldOptions(FieldDescriptorProto field) {
        List<String> entries = new ArrayList<>();
        if (field.hasDefaultValue()) {
            entries.add("default = " + defaultValue(field));
        }
        if (field.hasJsonName() && !field.getJsonName().equals(defaultJsonName(field.getName()))) {
            entries.add("json_name = " + OptionText.quote(ByteString.copyFromUtf8(field.getJsonName())));
        }
        entries.addAll(options.entries(field.getOptions(), true));
        return entries;
    }

    /** descriptor.proto keeps defaults as text: strings raw, bytes C-escaped, the rest as written. */
    private static String defaultValue(FieldDescriptorProto field) {
        return switch (field.getType()) {
            case TYPE_STRING -> OptionText.quote(ByteString.copyFromUtf8(field.getDefaultValue()));
            case TYPE_BYTES -> "\"" + field.getDefaultValue() + "\"";
            default -> field.getDefaultValue();
        };
    }

    private static String type(FieldDescriptorProto field) {
        return switch (field.getType()) {
            case TYPE_MESSAGE, TYPE_ENUM, TYPE_GROUP -> qualified(field.getTypeName());
            default -> field.getType().name().substring(5).toLowerCase(Locale.ROOT);
        };
    }

    static String qualified(String typeName) {
        return typeName.startsWith(".") ? typeName : "." + typeName;
    }

    /** protoc's default: drop each underscore and upper-case the letter after it. */
    static String defaultJsonName(String name) {
        StringBuilder json = new StringBuilder(name.length());
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                json.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return json.toString();
    }

    /** Message ranges end one past their last number. */
    private static String range(int start, int end) {
        if (end - 1 == start) {
            return String.valueOf(start);
        }
        return start + " to " + (end >= MAX_FIELD_END ? "max" : String.valueOf(end - 1));
    }

    static void reserved(SourceWriter out, List<String> ranges, List<String> names) {
        if (!ranges.isEmpty()) {
            out.line("reserved " + String.join(", ", ranges) + ";");
        }
        if (!names.isEmpty()) {
            out.line("reserved " + String.join(", ", names.stream()
                    .map(n -> OptionText.quote(ByteString.copyFromUtf8(n))).toList()) + ";");
        }
    }
}
