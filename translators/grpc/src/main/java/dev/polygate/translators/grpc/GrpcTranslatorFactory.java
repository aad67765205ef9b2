package dev.polygate.translators.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.Translator;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.TranslatorFactory;
import dev.polygate.spi.UpstreamConfig;
import dev.polygate.translators.grpc.schema.SchemaLoader;
import dev.polygate.translators.grpc.schema.SchemaRegistry;
import dev.polygate.translators.http.HttpTranslatorFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The {@code grpc} translator: one route to a gRPC backend, reachable by native gRPC clients (passthrough,
 * nothing decoded), gRPC-Web clients (binary and text) and REST/JSON clients (google.api.http transcoding,
 * when a schema is configured). Calls travel over the http translator's pooled HTTP/2 connections.
 */
public final class GrpcTranslatorFactory implements TranslatorFactory {
    private final HttpTranslatorFactory connections = new HttpTranslatorFactory();
    /** Schema refreshes by reflection: blocking network work, kept off the event loops and bounded. */
    private final ExecutorService refreshes = new ThreadPoolExecutor(0, 2, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(64), runnable -> {
                Thread thread = new Thread(runnable, "polygate-schema-refresh");
                thread.setDaemon(true);
                return thread;
            });

    @Override
    public String name() {
        return "grpc";
    }

    @Override
    public Translator create(JsonNode config, TranslatorContext context) throws ConfigException {
        GrpcRouteConfig route = GrpcRouteConfig.parse(config, context);
        UpstreamConfig upstream = context.upstream(route.upstream()).orElse(null);
        SchemaRegistry registry = SchemaRegistry.empty();
        if (route.hasSchema()) {
            try {
                registry = SchemaLoader.load(route.schema(), upstream);
            } catch (ConfigException e) {
                throw e.under("schema");
            }
        }
        ExposedSchema exposed = ExposedSchema.build(registry, route);
        Translator backend = connections.create(route.connection(), context);
        return new GrpcTranslator(route, upstream, exposed, backend, refreshes);
    }
}
