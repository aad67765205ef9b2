package dev.polygate.translators.grpc.reflection;

import com.google.protobuf.Descriptors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Files and symbols reachable from a set of services (their files and every dependency), indexed the
 * way reflection clients ask: by file name and by fully-qualified symbol.
 */
final class SymbolIndex {
    /** The reflection service describes itself too, as gRPC servers do. */
    private static final List<Descriptors.ServiceDescriptor> OWN_SERVICES = List.of(
            io.grpc.reflection.v1.ServerReflectionProto.getDescriptor().getServices().get(0),
            io.grpc.reflection.v1alpha.ServerReflectionProto.getDescriptor().getServices().get(0));

    private final List<String> serviceNames;
    private final Map<String, Descriptors.FileDescriptor> files;
    private final Map<String, Descriptors.FileDescriptor> symbols;

    private SymbolIndex(List<String> serviceNames, Map<String, Descriptors.FileDescriptor> files,
                        Map<String, Descriptors.FileDescriptor> symbols) {
        this.serviceNames = serviceNames;
        this.files = files;
        this.symbols = symbols;
    }

    static SymbolIndex of(List<Descriptors.ServiceDescriptor> services) {
        List<String> names = new ArrayList<>();
        Map<String, Descriptors.FileDescriptor> files = new LinkedHashMap<>();
        Map<String, Descriptors.FileDescriptor> symbols = new HashMap<>();
        List<Descriptors.ServiceDescriptor> all = new ArrayList<>(services);
        all.addAll(OWN_SERVICES);
        for (Descriptors.ServiceDescriptor service : all) {
            names.add(service.getFullName());
            for (Descriptors.FileDescriptor file : withDependencies(service.getFile())) {
                if (files.putIfAbsent(file.getName(), file) == null) {
                    indexSymbols(file, symbols);
                }
            }
        }
        return new SymbolIndex(List.copyOf(names), files, symbols);
    }

    List<String> serviceNames() {
        return serviceNames;
    }

    Descriptors.FileDescriptor fileByName(String name) {
        return files.get(name);
    }

    Descriptors.FileDescriptor fileContainingSymbol(String symbol) {
        return symbols.get(symbol);
    }

    /** The file first, then its transitive dependencies, each once. */
    static List<Descriptors.FileDescriptor> withDependencies(Descriptors.FileDescriptor file) {
        Map<String, Descriptors.FileDescriptor> seen = new LinkedHashMap<>();
        ArrayList<Descriptors.FileDescriptor> pending = new ArrayList<>(List.of(file));
        while (!pending.isEmpty()) {
            Descriptors.FileDescriptor next = pending.remove(pending.size() - 1);
            if (seen.putIfAbsent(next.getName(), next) == null) {
                pending.addAll(next.getDependencies());
            }
        }
        return List.copyOf(seen.values());
    }

    private static void indexSymbols(Descriptors.FileDescriptor file, Map<String, Descriptors.FileDescriptor> symbols) {
        for (Descriptors.ServiceDescriptor service : file.getServices()) {
            symbols.put(service.getFullName(), file);
            for (Descriptors.MethodDescriptor method : service.getMethods()) {
                symbols.put(method.getFullName(), file);
            }
        }
        for (Descriptors.Descriptor message : file.getMessageTypes()) {
            indexMessage(message, file, symbols);
        }
        for (Descriptors.EnumDescriptor e : file.getEnumTypes()) {
            symbols.put(e.getFullName(), file);
        }
        for (Descriptors.FieldDescriptor extension : file.getExtensions()) {
            symbols.put(extension.getFullName(), file);
        }
    }

    private static void indexMessage(Descriptors.Descriptor message, Descriptors.FileDescriptor file,
                                     Map<String, Descriptors.FileDescriptor> symbols) {
        symbols.put(message.getFullName(), file);
        for (Descriptors.Descriptor nested : message.getNestedTypes()) {
            indexMessage(nested, file, symbols);
        }
        for (Descriptors.EnumDescriptor e : message.getEnumTypes()) {
            symbols.put(e.getFullName(), file);
        }
        for (Descriptors.FieldDescriptor extension : message.getExtensions()) {
            symbols.put(extension.getFullName(), file);
        }
    }
}
