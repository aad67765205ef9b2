package dev.polygate.translators.grpc.schema;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.ProtoFile;
import com.squareup.wire.schema.Schema;
import com.squareup.wire.schema.internal.SchemaEncoder;
import dev.polygate.spi.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles .proto sources at start-up, in process: Wire's parser and linker check them and its
 * {@link SchemaEncoder} (the one Wire's own gRPC reflection uses) writes each file as a FileDescriptorProto,
 * options included. Users need no protoc. google/api/*.proto and the well-known types are importable
 * without being shipped, from the .proto files inside the gateway's own jars.
 */
final class ProtoSourceCompiler {
    /** One .proto of each jar whose .proto files users may import. */
    private static final List<String> BUNDLED_PROTOS = List.of("google/api/annotations.proto", "google/protobuf/type.proto");

    private ProtoSourceCompiler() {
    }

    /**
     * @param roots directories imports are resolved against
     * @param files files to compile, relative to a root; empty for every .proto under the roots
     * @return the compiled files and the files of the roots they import, not the bundled ones
     */
    static List<FileDescriptor> compile(List<Path> roots, List<String> files) throws ConfigException {
        Schema schema = parse(roots, files);
        SchemaEncoder encoder = new SchemaEncoder(schema);
        Map<String, ProtoFile> wanted = closure(schema, roots, files);
        List<FileDescriptorProto> protos = new ArrayList<>();
        for (ProtoFile file : wanted.values()) {
            try {
                protos.add(JsonNames.fill(FileDescriptorProto.parseFrom(encoder.encode(file).toByteArray(),
                        ClasspathDescriptors.EXTENSIONS), file));
            } catch (InvalidProtocolBufferException | RuntimeException e) {
                throw new ConfigException("", file.getLocation().getPath() + ": cannot be encoded as a descriptor: " + e);
            }
        }
        return DescriptorLinker.link(protos, "the compiled .proto files");
    }

    private static Schema parse(List<Path> roots, List<String> files) throws ConfigException {
        List<Location> sources = new ArrayList<>();
        if (files.isEmpty()) {
            roots.forEach(root -> sources.add(Location.get(root.toString())));
        } else {
            for (String file : files) {
                Path root = roots.stream().filter(r -> r.resolve(file).toFile().isFile()).findFirst()
                        .orElseThrow(() -> new ConfigException("", file + " is in none of the roots " + roots));
                sources.add(Location.get(root.toString(), file));
            }
        }
        List<Location> protoPath = new ArrayList<>();
        roots.forEach(root -> protoPath.add(Location.get(root.toString())));
        protoPath.addAll(bundledRoots());
        var loader = new com.squareup.wire.schema.SchemaLoader(okio.FileSystem.SYSTEM);
        // Without it Wire prunes the types no source file mentions, and the option messages
        // (MethodOptions, HttpRule, ...) then cannot be encoded.
        loader.setLoadExhaustively(true);
        try {
            loader.initRoots(sources, protoPath);
            return loader.loadSchema();
        } catch (RuntimeException e) {
            // Wire reports syntax and link errors with file:line:column; one problem per reported error.
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new ConfigException("", message);
        }
    }

    /** The source files and, transitively, the files they import, less those the gateway has compiled in. */
    private static Map<String, ProtoFile> closure(Schema schema, List<Path> roots, List<String> files) {
        Map<String, ProtoFile> byPath = new LinkedHashMap<>();
        schema.getProtoFiles().forEach(f -> byPath.put(f.getLocation().getPath(), f));
        Deque<String> pending = new ArrayDeque<>();
        if (files.isEmpty()) {
            // Every file found under a root is a source file.
            for (ProtoFile file : schema.getProtoFiles()) {
                String base = file.getLocation().getBase();
                if (roots.stream().anyMatch(root -> root.toString().equals(base))) {
                    pending.add(file.getLocation().getPath());
                }
            }
        } else {
            pending.addAll(files);
        }
        Map<String, ProtoFile> wanted = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            String path = pending.pop();
            ProtoFile file = byPath.get(path);
            if (file == null || ClasspathDescriptors.has(path) || wanted.containsKey(path)) {
                continue;
            }
            wanted.put(path, file);
            pending.addAll(file.getImports());
            pending.addAll(file.getPublicImports());
        }
        return wanted;
    }

    private static List<Location> bundledRoots() {
        List<Location> roots = new ArrayList<>();
        for (String resource : BUNDLED_PROTOS) {
            URL url = ProtoSourceCompiler.class.getClassLoader().getResource(resource);
            if (url == null) {
                continue;
            }
            try {
                if (url.getProtocol().equals("jar")) {
                    String jar = url.getPath().substring(0, url.getPath().indexOf("!/"));
                    roots.add(Location.get(Path.of(URI.create(jar)).toString()));
                } else if (url.getProtocol().equals("file")) {
                    Path root = Path.of(url.toURI());
                    for (int i = 0; i < resource.split("/").length; i++) {
                        root = root.getParent();
                    }
                    roots.add(Location.get(root.toString()));
                }
            } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                // An unusual class path (nested jars): those imports then fail with Wire's own clear message.
            }
        }
        return roots;
    }
}
