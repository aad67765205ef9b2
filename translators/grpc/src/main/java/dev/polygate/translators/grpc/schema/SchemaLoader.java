package dev.polygate.translators.grpc.schema;

import dev.polygate.spi.ConfigException;
import dev.polygate.spi.UpstreamConfig;
import java.time.Duration;
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
        SchemaRegistry registry = SchemaRegistry.empty();
        for (int i = 0; i < config.descriptorSets().size(); i++) {
            try {
                registry = registry.merge(SchemaRegistry.of(DescriptorSetFile.load(config.descriptorSets().get(i))));
            } catch (ConfigException e) {
                throw e.under("descriptorSets[" + i + "]");
            }
        }
        if (!config.protoRoots().isEmpty()) {
            try {
                registry = registry.merge(SchemaRegistry.of(
                        ProtoSourceCompiler.compile(config.protoRoots(), config.protoFiles())));
            } catch (ConfigException e) {
                throw e.under("protos");
            }
        }
        if (config.reflection()) {
            if (upstream == null) {
                throw new ConfigException("reflection", "needs the backend's upstream to ask");
            }
            try {
                registry = registry.merge(ServerReflectionClient.fetch(upstream, List.of(), config.reflectionTimeout()));
            } catch (ConfigException e) {
                throw e.under("reflection");
            }
        }
        return registry;
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
