package dev.polygate.translators.grpc.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigException.Problem;
import dev.polygate.spi.HumanDuration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a gRPC backend's descriptors come from: the {@code schema} section of a grpc route's backend.
 *
 * <pre>
 * schema:
 *   descriptorSets: [greeter.pb]            # protoc --descriptor_set_out / buf build output
 *   protos:
 *     roots: [protos/]                      # import paths; the config directory when absent
 *     files: [demo/v1/greeter.proto]        # relative to a root; every .proto under the roots when absent
 *   reflection: true                        # ask the backend (gRPC server reflection v1, then v1alpha)
 *   reflectionTimeout: 10s
 * </pre>
 *
 * Sources are merged in that order; a file of the same name from a later source replaces the earlier one.
 *
 * @param descriptorSets    serialized FileDescriptorSet files, absolute
 * @param protoRoots        directories .proto imports are resolved against, absolute; empty when no sources
 * @param protoFiles        .proto files to compile, relative to a root; empty means every file under the roots
 * @param reflection        whether to fetch descriptors from the backend at start-up
 * @param reflectionTimeout the limit for the whole reflection exchange
 */
public record SchemaConfig(List<Path> descriptorSets, List<Path> protoRoots, List<String> protoFiles,
                           boolean reflection, Duration reflectionTimeout) {

    public static final Duration DEFAULT_REFLECTION_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> KEYS = Set.of("descriptorSets", "protos", "reflection", "reflectionTimeout");
    private static final Set<String> PROTO_KEYS = Set.of("roots", "files");

    public SchemaConfig {
        descriptorSets = List.copyOf(descriptorSets);
        protoRoots = List.copyOf(protoRoots);
        protoFiles = List.copyOf(protoFiles);
        if (reflectionTimeout == null || reflectionTimeout.isNegative() || reflectionTimeout.isZero()) {
            throw new IllegalArgumentException("reflectionTimeout must be positive");
        }
    }

    /** No source at all. */
    public static SchemaConfig empty() {
        return new SchemaConfig(List.of(), List.of(), List.of(), false, DEFAULT_REFLECTION_TIMEOUT);
    }

    /** Whether any source is configured. */
    public boolean isEmpty() {
        return descriptorSets.isEmpty() && protoRoots.isEmpty() && !reflection;
    }

    /**
     * @param node            the section; null or missing for an empty configuration
     * @param configDirectory relative paths are resolved against it
     * @throws ConfigException listing every problem, with paths relative to the section ("descriptorSets[0]")
     */
    public static SchemaConfig parse(JsonNode node, Path configDirectory) throws ConfigException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return empty();
        }
        if (!node.isObject()) {
            throw new ConfigException("", "must be a map with any of " + String.join(", ", new TreeSet<>(KEYS)));
        }
        List<Problem> problems = new ArrayList<>();
        rejectUnknownKeys(node, KEYS, "", problems);

        List<Path> descriptorSets = new ArrayList<>();
        List<String> sets = strings(node.get("descriptorSets"), "descriptorSets", problems);
        for (int i = 0; i < sets.size(); i++) {
            Path file = configDirectory.resolve(sets.get(i)).normalize();
            if (!Files.isRegularFile(file)) {
                problems.add(new Problem("descriptorSets[" + i + "]", "no such file: " + file));
            }
            descriptorSets.add(file);
        }

        List<Path> roots = new ArrayList<>();
        List<String> files = new ArrayList<>();
        JsonNode protos = node.get("protos");
        if (protos != null && !protos.isNull()) {
            if (!protos.isObject()) {
                problems.add(new Problem("protos", "must be a map with 'roots' and/or 'files'"));
            } else {
                rejectUnknownKeys(protos, PROTO_KEYS, "protos", problems);
                parseProtos(protos, configDirectory, roots, files, problems);
            }
        }

        boolean reflection = false;
        JsonNode reflectionNode = node.get("reflection");
        if (reflectionNode != null && !reflectionNode.isNull()) {
            if (reflectionNode.isBoolean()) {
                reflection = reflectionNode.booleanValue();
            } else {
                problems.add(new Problem("reflection", "must be true or false"));
            }
        }
        Duration timeout = DEFAULT_REFLECTION_TIMEOUT;
        JsonNode timeoutNode = node.get("reflectionTimeout");
        if (timeoutNode != null && !timeoutNode.isNull()) {
            try {
                timeout = HumanDuration.parse(timeoutNode.isValueNode() ? timeoutNode.asText() : null);
                if (timeout.isZero()) {
                    problems.add(new Problem("reflectionTimeout", "must be more than 0"));
                    timeout = DEFAULT_REFLECTION_TIMEOUT;
                }
            } catch (IllegalArgumentException e) {
                problems.add(new Problem("reflectionTimeout", e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new SchemaConfig(descriptorSets, roots, files, reflection, timeout);
    }

    private static void parseProtos(JsonNode protos, Path configDirectory, List<Path> roots, List<String> files,
                                    List<Problem> problems) {
        List<String> rootNames = strings(protos.get("roots"), "protos.roots", problems);
        for (int i = 0; i < rootNames.size(); i++) {
            Path root = configDirectory.resolve(rootNames.get(i)).normalize();
            if (!Files.isDirectory(root)) {
                problems.add(new Problem("protos.roots[" + i + "]", "no such directory: " + root));
            }
            roots.add(root);
        }
        List<String> fileNames = strings(protos.get("files"), "protos.files", problems);
        if (roots.isEmpty() && !fileNames.isEmpty()) {
            roots.add(configDirectory.normalize());
        }
        for (int i = 0; i < fileNames.size(); i++) {
            String name = fileNames.get(i).replace('\\', '/');
            String path = "protos.files[" + i + "]";
            if (name.startsWith("/") || Path.of(name).normalize().startsWith("..") || !name.endsWith(".proto")) {
                problems.add(new Problem(path, "must be a .proto file relative to a root, as it is imported: '" + name + "'"));
            } else if (roots.stream().noneMatch(root -> Files.isRegularFile(root.resolve(name)))) {
                problems.add(new Problem(path, "'" + name + "' is in none of the roots: "
                        + String.join(", ", roots.stream().map(Path::toString).toList())));
            }
            files.add(name);
        }
    }

    private static List<String> strings(JsonNode node, String path, List<Problem> problems) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isTextual()) {
            values.add(node.asText());
            return values;
        }
        if (!node.isArray()) {
            problems.add(new Problem(path, "must be a list of paths"));
            return values;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (item.isTextual() && !item.asText().isBlank()) {
                values.add(item.asText().trim());
            } else {
                problems.add(new Problem(path + "[" + i + "]", "must be a path"));
            }
        }
        return values;
    }

    private static void rejectUnknownKeys(JsonNode node, Set<String> known, String prefix, List<Problem> problems) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(new Problem(prefix.isEmpty() ? name : prefix + "." + name,
                        "unknown key; expected one of " + String.join(", ", new TreeSet<>(known))));
            }
        }
    }
}
