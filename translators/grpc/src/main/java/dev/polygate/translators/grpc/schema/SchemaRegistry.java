package dev.polygate.translators.grpc.schema;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.TypeRegistry;
import dev.polygate.spi.ConfigException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The protobuf descriptors of a gRPC backend: its files, with their dependencies, and an index of every
 * service, method, message, enum, field and extension by full name. Immutable and safe to share between
 * threads; {@link #merge} makes a new registry.
 */
public final class SchemaRegistry {
    private static final SchemaRegistry EMPTY = new SchemaRegistry(Map.of());

    /** Every file, dependencies before their dependents. */
    private final Map<String, FileDescriptor> files;
    private final Map<String, ServiceDescriptor> services;
    private final Map<String, FileDescriptor> symbols;
    private final TypeRegistry typeRegistry;

    private SchemaRegistry(Map<String, FileDescriptor> roots) {
        Map<String, FileDescriptor> ordered = new LinkedHashMap<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (FileDescriptor file : roots.values()) {
            addInDependencyOrder(file, roots, ordered, visiting);
        }
        this.files = ordered;
        Map<String, ServiceDescriptor> serviceIndex = new LinkedHashMap<>();
        Map<String, FileDescriptor> symbolIndex = new HashMap<>();
        for (FileDescriptor file : ordered.values()) {
            index(file, serviceIndex, symbolIndex);
        }
        this.services = serviceIndex;
        this.symbols = symbolIndex;
        TypeRegistry.Builder types = TypeRegistry.newBuilder();
        // The builder keeps the first file of a name: walking newest first lets later sources win.
        List<FileDescriptor> newestFirst = new ArrayList<>(ordered.values());
        java.util.Collections.reverse(newestFirst);
        for (FileDescriptor file : newestFirst) {
            types.add(file.getMessageTypes());
        }
        this.typeRegistry = types.build();
    }

    /** A registry of these files and everything they import. */
    public static SchemaRegistry of(Collection<FileDescriptor> files) {
        Map<String, FileDescriptor> roots = new LinkedHashMap<>();
        files.forEach(f -> roots.put(f.getName(), f));
        return roots.isEmpty() ? EMPTY : new SchemaRegistry(roots);
    }

    public static SchemaRegistry empty() {
        return EMPTY;
    }

    /** Both registries' files; where both have a file of the same name, {@code other}'s wins. */
    public SchemaRegistry merge(SchemaRegistry other) {
        if (other.files.isEmpty()) {
            return this;
        }
        if (files.isEmpty()) {
            return other;
        }
        Map<String, FileDescriptor> roots = new LinkedHashMap<>(files);
        roots.putAll(other.files);
        return new SchemaRegistry(roots);
    }

    public Optional<ServiceDescriptor> service(String fullName) {
        return Optional.ofNullable(services.get(fullName));
    }

    /** @param service the service's full name, e.g. {@code demo.greeter.v1.Greeter} */
    public Optional<MethodDescriptor> method(String service, String method) {
        return service(service).map(s -> s.findMethodByName(method));
    }

    /** Every service of every file. */
    public List<ServiceDescriptor> services() {
        return List.copyOf(services.values());
    }

    public Optional<FileDescriptor> fileByName(String name) {
        return Optional.ofNullable(files.get(name));
    }

    /** The file defining a service, method, message, enum, enum value, field or extension, by full name. */
    public Optional<FileDescriptor> fileContainingSymbol(String fullName) {
        String name = fullName.startsWith(".") ? fullName.substring(1) : fullName;
        return Optional.ofNullable(symbols.get(name));
    }

    /** Every file, dependencies included, each after the files it imports. */
    public List<FileDescriptor> files() {
        return List.copyOf(files.values());
    }

    /** Every message type, for {@code JsonFormat}'s handling of {@code google.protobuf.Any}. */
    public TypeRegistry typeRegistry() {
        return typeRegistry;
    }

    /**
     * The file and everything it imports, transitively, each serialized as a FileDescriptorProto, dependencies
     * first and {@code file} last: the answer to a gRPC reflection {@code file_by_filename} or
     * {@code file_containing_symbol} request.
     */
    public List<ByteString> fileWithDependencies(FileDescriptor file) {
        Map<String, FileDescriptor> closure = new LinkedHashMap<>();
        addInDependencyOrder(file, Map.of(), closure, new LinkedHashSet<>());
        return closure.values().stream().map(f -> f.toProto().toByteString()).toList();
    }

    /** Checks that each named service exists; the message lists the services that do. */
    public void requireServices(List<String> names) throws ConfigException {
        List<ConfigException.Problem> problems = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!services.containsKey(name)) {
                problems.add(new ConfigException.Problem("services[" + i + "]",
                        "no service '" + name + "' in the schema; known services: "
                                + (services.isEmpty() ? "none" : String.join(", ", new TreeSet<>(services.keySet())))));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    @Override
    public String toString() {
        return "SchemaRegistry" + services.keySet();
    }

    /**
     * Depth-first, dependencies first. A dependency is taken from {@code byName} when that map has a file of
     * its name (so a merged-in replacement is listed once), else from the importing file itself.
     */
    private static void addInDependencyOrder(FileDescriptor file, Map<String, FileDescriptor> byName,
                                             Map<String, FileDescriptor> out, Set<String> visiting) {
        if (out.containsKey(file.getName()) || !visiting.add(file.getName())) {
            return;
        }
        for (FileDescriptor dependency : file.getDependencies()) {
            addInDependencyOrder(byName.getOrDefault(dependency.getName(), dependency), byName, out, visiting);
        }
        out.put(file.getName(), byName.getOrDefault(file.getName(), file));
    }

    private static void index(FileDescriptor file, Map<String, ServiceDescriptor> services,
                              Map<String, FileDescriptor> symbols) {
        for (ServiceDescriptor service : file.getServices()) {
            services.put(service.getFullName(), service);
            symbols.put(service.getFullName(), file);
            for (MethodDescriptor method : service.getMethods()) {
                symbols.put(method.getFullName(), file);
            }
        }
        for (Descriptor message : file.getMessageTypes()) {
            indexMessage(message, file, symbols);
        }
        for (EnumDescriptor enumType : file.getEnumTypes()) {
            indexEnum(enumType, file, symbols);
        }
        for (FieldDescriptor extension : file.getExtensions()) {
            symbols.put(extension.getFullName(), file);
        }
    }

    private static void indexMessage(Descriptor message, FileDescriptor file, Map<String, FileDescriptor> symbols) {
        symbols.put(message.getFullName(), file);
        for (FieldDescriptor field : message.getFields()) {
            symbols.put(field.getFullName(), file);
        }
        for (FieldDescriptor extension : message.getExtensions()) {
            symbols.put(extension.getFullName(), file);
        }
        for (Descriptor nested : message.getNestedTypes()) {
            indexMessage(nested, file, symbols);
        }
        for (EnumDescriptor nested : message.getEnumTypes()) {
            indexEnum(nested, file, symbols);
        }
    }

    private static void indexEnum(EnumDescriptor enumType, FileDescriptor file, Map<String, FileDescriptor> symbols) {
        symbols.put(enumType.getFullName(), file);
        String scope = enumType.getContainingType() != null ? enumType.getContainingType().getFullName() + "."
                : enumType.getFile().getPackage().isEmpty() ? "" : enumType.getFile().getPackage() + ".";
        for (var value : enumType.getValues()) {
            symbols.put(value.getFullName(), file);
            // protoc scopes enum values beside their enum (C++ rules), which is how reflection clients ask.
            symbols.put(scope + value.getName(), file);
        }
    }
}
