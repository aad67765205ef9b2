package dev.polygate.translators.model.protosource;

import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a file descriptor back as .proto source: syntax, package, imports, options (custom ones such as
 * {@code google.api.http} as {@code (full.name) = {...}}), messages with nested types, oneofs, maps, proto3
 * {@code optional}, groups, extensions, reserved ranges, enums and services, with the leading comments the
 * descriptor kept. Type references are fully qualified ({@code .pkg.Type}) so they resolve the same from any
 * scope. {@code json_name} is written only where it differs from the default. protoc and Wire compile the
 * result into the same descriptor, source info aside.
 */
public final class ProtoSourcePrinter {
    private final FileDescriptorProto file;
    private final SourceWriter out;
    private final OptionText options;

    private ProtoSourcePrinter(FileDescriptor descriptor) {
        this.file = descriptor.toProto();
        this.out = new SourceWriter(file.getSourceCodeInfo());
        this.options = new OptionText(descriptor);
    }

    /** The .proto source of the file; its imports must be resolvable (they are when it is linked). */
    public static String print(FileDescriptor file) {
        ProtoSourcePrinter printer = new ProtoSourcePrinter(file);
        printer.printFile();
        return printer.out.toString();
    }

    private void printFile() {
        String syntax = file.getSyntax().isEmpty() ? "proto2" : file.getSyntax();
        out.comment(List.of(12));
        if (syntax.equals("editions")) {
            out.line("edition = \"" + file.getEdition().name().replace("EDITION_", "") + "\";");
        } else {
            out.line("syntax = \"" + syntax + "\";");
        }
        if (!file.getPackage().isEmpty()) {
            out.blank().line("package " + file.getPackage() + ";");
        }
        out.blank();
        for (int i = 0; i < file.getDependencyCount(); i++) {
            String kind = file.getPublicDependencyList().contains(i) ? "public "
                    : file.getWeakDependencyList().contains(i) ? "weak " : "";
            out.line("import " + kind + OptionText.quote(com.google.protobuf.ByteString.copyFromUtf8(
                    file.getDependency(i))) + ";");
        }
        out.blank();
        statements(file.getOptions());
        MessagePrinter messages = new MessagePrinter(out, options, syntax);
        for (int i = 0; i < file.getServiceCount(); i++) {
            service(file.getService(i), List.of(6, i));
        }
        for (int i = 0; i < file.getMessageTypeCount(); i++) {
            out.blank();
            messages.message(file.getMessageType(i), path(4, i));
        }
        for (int i = 0; i < file.getEnumTypeCount(); i++) {
            out.blank();
            enumType(out, options, file.getEnumType(i), path(5, i));
        }
        messages.extensions(file.getExtensionList(), List.of(7));
    }

    private void statements(Message optionsMessage) {
        for (String entry : options.entries(optionsMessage, false)) {
            out.line(entry.startsWith("/*") ? entry : "option " + entry + ";");
        }
    }

    private void service(ServiceDescriptorProto service, List<Integer> path) {
        out.blank().comment(path).open("service " + service.getName() + " {");
        statements(service.getOptions());
        for (int i = 0; i < service.getMethodCount(); i++) {
            MethodDescriptorProto method = service.getMethod(i);
            List<Integer> methodPath = append(path, 2, i);
            if (i > 0 || service.getOptions().getAllFields().size() + service.getOptions().getUnknownFields()
                    .asMap().size() > 0) {
                out.blank();
            }
            out.comment(methodPath);
            String head = "rpc " + method.getName() + "(" + (method.getClientStreaming() ? "stream " : "")
                    + MessagePrinter.qualified(method.getInputType()) + ") returns ("
                    + (method.getServerStreaming() ? "stream " : "") + MessagePrinter.qualified(method.getOutputType())
                    + ")";
            List<String> entries = options.entries(method.getOptions(), false);
            if (entries.isEmpty()) {
                out.line(head + ";");
            } else {
                out.open(head + " {");
                entries.forEach(e -> out.line(e.startsWith("/*") ? e : "option " + e + ";"));
                out.close();
            }
        }
        out.close();
    }

    static void enumType(SourceWriter out, OptionText options, EnumDescriptorProto type, List<Integer> path) {
        out.comment(path).open("enum " + type.getName() + " {");
        for (String entry : options.entries(type.getOptions(), false)) {
            out.line(entry.startsWith("/*") ? entry : "option " + entry + ";");
        }
        for (int i = 0; i < type.getValueCount(); i++) {
            EnumValueDescriptorProto value = type.getValue(i);
            out.comment(append(path, 2, i));
            out.line(value.getName() + " = " + value.getNumber() + brackets(options.entries(value.getOptions(), true))
                    + ";");
        }
        List<String> reserved = new ArrayList<>();
        // Enum reserved ranges are inclusive at both ends.
        type.getReservedRangeList().forEach(r -> reserved.add(r.getStart() == r.getEnd() ? "" + r.getStart()
                : r.getStart() + " to " + (r.getEnd() == Integer.MAX_VALUE ? "max" : "" + r.getEnd())));
        MessagePrinter.reserved(out, reserved, type.getReservedNameList());
        out.close();
    }

    static String brackets(List<String> entries) {
        return entries.isEmpty() ? "" : " [" + String.join(", ", entries) + "]";
    }

    static List<Integer> path(int... parts) {
        List<Integer> path = new ArrayList<>();
        for (int part : parts) {
            path.add(part);
        }
        return path;
    }

    static List<Integer> append(List<Integer> path, int field, int index) {
        List<Integer> longer = new ArrayList<>(path);
        longer.add(field);
        longer.add(index);
        return longer;
    }
}
