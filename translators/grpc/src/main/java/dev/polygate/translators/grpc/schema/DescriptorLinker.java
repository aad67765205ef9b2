package dev.polygate.translators.grpc.schema;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.polygate.spi.ConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the FileDescriptorProtos of one source into linked FileDescriptors.
 *
 * <p>Every proto is re-parsed here, whatever source it came from, with an extension registry holding
 * {@code google.api.http} and friends, plus the custom options defined by the file's dependencies: a proto
 * parsed without them keeps its HTTP rules as unknown fields, where nobody finds them. Files the gateway
 * has compiled in (well-known types, google/api) are taken from the classpath, see {@link ClasspathDescriptors}.
 */
final class DescriptorLinker {
    private final Map<String, FileDescriptorProto> protos = new LinkedHashMap<>();
    private final Map<String, FileDescriptor> linked = new HashMap<>();
    private final String origin;

    private DescriptorLinker(List<FileDescriptorProto> protos, String origin) {
        protos.forEach(p -> this.protos.put(p.getName(), p));
        this.origin = origin;
    }

    /**
     * @param origin names the source in messages, e.g. "the descriptor set" or "the backend's reflection"
     * @return the source's own files (classpath ones stay reachable through their dependents), in input order
     */
    static List<FileDescriptor> link(List<FileDescriptorProto> protos, String origin) throws ConfigException {
        DescriptorLinker linker = new DescriptorLinker(protos, origin);
        List<FileDescriptor> files = new ArrayList<>();
        for (String name : linker.protos.keySet()) {
            if (!ClasspathDescriptors.has(name)) {
                files.add(linker.file(name, null, new LinkedHashSet<>()));
            }
        }
        return files;
    }

    private FileDescriptor file(String name, String importer, Set<String> path) throws ConfigException {
        var known = ClasspathDescriptors.file(name);
        if (known.isPresent()) {
            return known.get();
        }
        FileDescriptor done = linked.get(name);
        if (done != null) {
            return done;
        }
        FileDescriptorProto proto = protos.get(name);
        if (proto == null) {
            throw new ConfigException("", name + " (imported by " + importer + ") is not in " + origin
                    + "; include the imports (protoc --include_imports, or buf build without --exclude-imports)");
        }
        if (!path.add(name)) {
            throw new ConfigException("", "import cycle in " + origin + ": " + String.join(" -> ", path) + " -> " + name);
        }
        List<FileDescriptor> dependencies = new ArrayList<>();
        for (String dependency : proto.getDependencyList()) {
            dependencies.add(file(dependency, name, path));
        }
        path.remove(name);
        try {
            FileDescriptor file = FileDescriptor.buildFrom(reparse(proto, dependencies),
                    dependencies.toArray(FileDescriptor[]::new));
            linked.put(name, file);
            return file;
        } catch (DescriptorValidationException e) {
            throw new ConfigException("", name + " in " + origin + " is invalid: " + e.getMessage());
        }
    }

    private FileDescriptorProto reparse(FileDescriptorProto proto, List<FileDescriptor> dependencies)
            throws ConfigException {
        try {
            return FileDescriptorProto.parseFrom(proto.toByteString(), extensionsFor(dependencies));
        } catch (InvalidProtocolBufferException e) {
            throw new ConfigException("", proto.getName() + " in " + origin + " cannot be read: " + e.getMessage());
        }
    }

    /** The common registry, plus custom options (extensions of google.protobuf.*Options) the dependencies define. */
    static ExtensionRegistry extensionsFor(List<FileDescriptor> dependencies) {
        List<FieldDescriptor> custom = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<FileDescriptor> pending = new ArrayList<>(dependencies);
        while (!pending.isEmpty()) {
            FileDescriptor file = pending.remove(pending.size() - 1);
            if (!seen.add(file.getName()) || ClasspathDescriptors.has(file.getName())) {
                continue;
            }
            pending.addAll(file.getDependencies());
            collectOptionExtensions(file.getExtensions(), custom);
            for (Descriptor message : file.getMessageTypes()) {
                collectNested(message, custom);
            }
        }
        if (custom.isEmpty()) {
            return ClasspathDescriptors.EXTENSIONS;
        }
        ExtensionRegistry registry = ClasspathDescriptors.newExtensionRegistry();
        for (FieldDescriptor extension : custom) {
            if (extension.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                registry.add(extension, DynamicMessage.getDefaultInstance(extension.getMessageType()));
            } else {
                registry.add(extension);
            }
        }
        return registry;
    }

    private static void collectNested(Descriptor message, List<FieldDescriptor> out) {
        collectOptionExtensions(message.getExtensions(), out);
        for (Descriptor nested : message.getNestedTypes()) {
            collectNested(nested, out);
        }
    }

    private static void collectOptionExtensions(List<FieldDescriptor> extensions, List<FieldDescriptor> out) {
        for (FieldDescriptor extension : extensions) {
            Descriptor extendee = extension.getContainingType();
            // Only extendees from the classpath's descriptor.proto can be matched while parsing options.
            if (extendee.getFile() == com.google.protobuf.DescriptorProtos.getDescriptor()
                    && ClasspathDescriptors.EXTENSIONS.findImmutableExtensionByNumber(extendee, extension.getNumber()) == null) {
                out.add(extension);
            }
        }
    }
}
