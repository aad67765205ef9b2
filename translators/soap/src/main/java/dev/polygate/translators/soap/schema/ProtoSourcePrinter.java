package dev.polygate.translators.soap.schema;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import dev.polygate.xml.v1.XmlProto;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a generated FileDescriptorProto as .proto source that protoc compiles back to the same descriptor:
 * fields in number order, oneof members grouped (they are contiguous by construction), proto3 optional,
 * maps, and the polygate.xml.v1 options as aggregate values. Types are fully qualified (leading dot), so no
 * scoping rule can resolve them differently.
 */
final class ProtoSourcePrinter {
    private static final TextFormat.Printer TEXT = TextFormat.printer();
    private final StringBuilder out = new StringBuilder();

    private ProtoSourcePrinter() {
    }

    static String print(FileDescriptorProto file) {
        ProtoSourcePrinter printer = new ProtoSourcePrinter();
        printer.file(file);
        return printer.out.toString();
    }

    private void file(FileDescriptorProto file) {
        out.append("// Generated from XML Schema. XML names, namespaces and kinds are in the polygate.xml.v1 options.\n");
        out.append("syntax = \"proto3\";\n\npackage ").append(file.getPackage()).append(";\n\n");
        file.getDependencyList().forEach(d -> out.append("import ").append(quote(d)).append(";\n"));
        if (file.getOptions().hasExtension(XmlProto.xmlFile)) {
            out.append("\noption (polygate.xml.v1.xml_file) = ").append(aggregate(file.getOptions().getExtension(XmlProto.xmlFile)))
                    .append(";\n");
        }
        file.getEnumTypeList().forEach(e -> enumeration(e, ""));
        file.getMessageTypeList().forEach(m -> message(m, ""));
    }

    private void enumeration(EnumDescriptorProto proto, String indent) {
        out.append('\n').append(indent).append("enum ").append(proto.getName()).append(" {\n");
        String inner = indent + "  ";
        if (proto.getOptions().hasExtension(XmlProto.xmlEnum)) {
            out.append(inner).append("option (polygate.xml.v1.xml_enum) = ")
                    .append(quote(proto.getOptions().getExtension(XmlProto.xmlEnum))).append(";\n");
        }
        for (EnumValueDescriptorProto value : proto.getValueList()) {
            out.append(inner).append(value.getName()).append(" = ").append(value.getNumber());
            if (value.getOptions().hasExtension(XmlProto.literal)) {
                out.append(" [(polygate.xml.v1.literal) = ").append(quote(value.getOptions().getExtension(XmlProto.literal)))
                        .append(']');
            }
            out.append(";\n");
        }
        out.append(indent).append("}\n");
    }

    private void message(DescriptorProto proto, String indent) {
        out.append('\n').append(indent).append("message ").append(proto.getName()).append(" {\n");
        String inner = indent + "  ";
        if (proto.getOptions().hasExtension(XmlProto.xmlMessage)) {
            out.append(inner).append("option (polygate.xml.v1.xml_message) = ")
                    .append(aggregate(proto.getOptions().getExtension(XmlProto.xmlMessage))).append(";\n");
        }
        Map<String, DescriptorProto> mapEntries = new HashMap<>();
        proto.getNestedTypeList().stream().filter(n -> n.getOptions().getMapEntry())
                .forEach(n -> mapEntries.put(n.getName(), n));
        List<FieldDescriptorProto> fields = proto.getFieldList();
        for (int i = 0; i < fields.size(); i++) {
            FieldDescriptorProto field = fields.get(i);
            if (field.hasOneofIndex() && !field.getProto3Optional()) {
                int oneof = field.getOneofIndex();
                OneofDescriptorProto decl = proto.getOneofDecl(oneof);
                out.append(inner).append("oneof ").append(decl.getName()).append(" {\n");
                if (decl.getOptions().hasExtension(XmlProto.xmlOneof)) {
                    out.append(inner).append("  option (polygate.xml.v1.xml_oneof) = ")
                            .append(quote(decl.getOptions().getExtension(XmlProto.xmlOneof))).append(";\n");
                }
                while (i < fields.size() && fields.get(i).hasOneofIndex() && fields.get(i).getOneofIndex() == oneof
                        && !fields.get(i).getProto3Optional()) {
                    field(fields.get(i++), inner + "  ", mapEntries, proto.getName());
                }
                i--;
                out.append(inner).append("}\n");
            } else {
                field(field, inner, mapEntries, proto.getName());
            }
        }
        for (DescriptorProto nested : proto.getNestedTypeList()) {
            if (!nested.getOptions().getMapEntry()) {
                message(nested, inner);
            }
        }
        proto.getEnumTypeList().forEach(e -> enumeration(e, inner));
        out.append(indent).append("}\n");
    }

    private void field(FieldDescriptorProto field, String indent, Map<String, DescriptorProto> mapEntries, String owner) {
        out.append(indent);
        String entryName = field.getTypeName().substring(field.getTypeName().lastIndexOf('.') + 1);
        DescriptorProto entry = field.getType() == FieldDescriptorProto.Type.TYPE_MESSAGE
                && field.getTypeName().endsWith("." + owner + "." + entryName) ? mapEntries.get(entryName) : null;
        if (entry != null) {
            out.append("map<").append(type(entry.getField(0))).append(", ").append(type(entry.getField(1))).append("> ");
        } else {
            if (field.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED) {
                out.append("repeated ");
            } else if (field.getProto3Optional()) {
                out.append("optional ");
            }
            out.append(type(field)).append(' ');
        }
        out.append(field.getName()).append(" = ").append(field.getNumber());
        out.append(" [json_name = ").append(quote(field.getJsonName()));
        if (field.getOptions().hasExtension(XmlProto.xmlField)) {
            out.append(", (polygate.xml.v1.xml_field) = ").append(aggregate(field.getOptions().getExtension(XmlProto.xmlField)));
        }
        out.append("];\n");
    }

    private static String type(FieldDescriptorProto field) {
        return switch (field.getType()) {
            case TYPE_MESSAGE, TYPE_ENUM -> field.getTypeName();
            default -> field.getType().name().substring("TYPE_".length()).toLowerCase(Locale.ROOT);
        };
    }

    private static String aggregate(Message option) {
        String text = TEXT.shortDebugString(option).trim();
        return text.isEmpty() ? "{}" : "{ " + text + " }";
    }

    private static String quote(String text) {
        return "\"" + TextFormat.escapeBytes(ByteString.copyFromUtf8(text)) + "\"";
    }
}
