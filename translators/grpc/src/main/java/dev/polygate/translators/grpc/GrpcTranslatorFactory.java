package dev.polygate.translators.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigProblems;
import dev.polygate.spi.Translator;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.TranslatorFactory;
import dev.polygate.spi.UpstreamConfig;
import dev.polygate.translators.grpc.schema.SchemaLoader;
import dev.polygate.translators.grpc.schema.SchemaRegistry;
import dev.polygate.translators.http.HttpTranslatorFactory;
import dev.polygate.translators.model.catalog.ServiceCatalog;
import dev.polygate.translators.model.wire.GrpcRoutePaths;
import java.util.Set;
import java.util.TreeSet;
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
        ConfigProblems problems = new ConfigProblems();
        GrpcRouteConfig route = GrpcRouteConfig.read(config, context, problems);
        if (route == null) {
            problems.throwIfAny();
        }
        Translator backend = problems.attempt("", () -> connections.create(route.connection(), context));
        UpstreamConfig upstream = route.upstream() == null ? null : context.upstream(route.upstream()).orElse(null);
        SchemaRegistry registry = SchemaRegistry.empty();
        // Reflection without a known upstream is left out: the upstream's own problem is reported already.
        if (route.hasSchema() && route.schema() != null && (upstream != null || !route.schema().reflection())) {
            registry = problems.attempt("schema", () -> SchemaLoader.load(route.schema(), upstream));
        }
        ExposedSchema exposed = null;
        if (registry != null) {
            SchemaRegistry loaded = registry;
            exposed = problems.attempt("", () -> ExposedSchema.build(loaded, route));
            // Any service of the schema, not only those exposed to REST: gRPC calls pass through to all of them,
            // and to the backend's reflection and health services, which a schema need not describe.
            Set<String> known = new TreeSet<>(route.services());
            loaded.services().forEach(service -> known.add(service.getFullName()));
            if (!known.isEmpty()) {
                context.routePaths().ifPresent(paths -> GrpcRoutePaths.checkServices(paths,
                        service -> known.contains(service) || ExposedSchema.isInfrastructure(service),
                        "the route's services or schema (" + String.join(", ", known) + ")", problems));
            }
        }
        if (!problems.isEmpty()) {
            if (backend != null) {
                backend.close();
            }
            problems.throwIfAny();
        }
        return new GrpcTranslator(route, upstream, exposed, backend, refreshes, ServiceCatalog.of(context));
    }
}
