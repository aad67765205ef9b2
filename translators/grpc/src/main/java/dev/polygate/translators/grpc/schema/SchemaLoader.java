package dev.polygate.translators.grpc.schema;

import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigProblems;
import dev.polygate.spi.UpstreamConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Builds a {@link SchemaRegistry} from the sources of a {@link SchemaConfig}: descriptor set files, .proto
 * sources compiled in process, and gRPC server reflection of the backend, merged in that order.
 */
public final class SchemaLoader {
    private SchemaLoader() {
    }

    /**
     * Blocking (file reads, compilation, network); never call it on an event loop.
     *
     * @param upstream the backend, used for reflection; may be null when reflection is off
     * @throws ConfigException with paths relative to the schema section ("descriptorSets[1]", "protos", "reflection")
     */
    public static SchemaRegistry load(SchemaConfig config, UpstreamConfig upstream) throws ConfigException {
        // Each source is read even when another failed, so that every broken one is reported at once.
        ConfigProblems problems = new ConfigProblems();
        List<SchemaRegistry> parts = new ArrayList<>();
        for (int i = 0; i < config.descriptorSets().size(); i++) {
            Path file = config.descriptorSets().get(i);
            add(parts, problems.attempt("descriptorSets[" + i + "]",
                    () -> SchemaRegistry.of(DescriptorSetFile.load(file))));
        }
        if (!config.protoRoots().isEmpty()) {
            add(parts, problems.attempt("protos",
                    () -> SchemaRegistry.of(ProtoSourceCompiler.compile(config.protoRoots(), config.protoFiles()))));
        }
        if (config.reflection()) {
            if (upstream == null) {
                problems.add("reflection", "needs the backend's upstream to ask");
            } else {
                add(parts, problems.attempt("reflection",
                        () -> ServerReflectionClient.fetch(upstream, List.of(), config.reflectionTimeout())));
            }
        }
        problems.throwIfAny();
        SchemaRegistry registry = SchemaRegistry.empty();
        for (SchemaRegistry part : parts) {
            registry = registry.merge(part);
        }
        return registry;
    }

    private static void add(List<SchemaRegistry> parts, SchemaRegistry part) {
        if (part != null) {
            parts.add(part);
        }
    }

    /**
     * Reflection only, e.g. to refresh a schema through the admin API. Completes exceptionally with a
     * {@link ConfigException} (wrapped in a {@link CompletionException}) that names the upstream.
     */
    public static CompletableFuture<SchemaRegistry> reflect(UpstreamConfig upstream, Duration timeout, Executor executor) {
        return reflect(upstream, List.of(), timeout, executor);
    }

    /** @param services the services to describe; empty for every service the backend lists */
    public static CompletableFuture<SchemaRegistry> reflect(UpstreamConfig upstream, List<String> services,
                                                            Duration timeout, Executor executor) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ServerReflectionClient.fetch(upstream, services, timeout);
            } catch (ConfigException e) {
                throw new CompletionException(e);
            }
        }, executor);
    }
}
