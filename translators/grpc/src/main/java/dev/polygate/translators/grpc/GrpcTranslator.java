package dev.polygate.translators.grpc;

import com.google.protobuf.Descriptors;
import dev.polygate.spi.ApiDocument;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Translator;
import dev.polygate.spi.UpstreamConfig;
import dev.polygate.translators.grpc.call.BackendCall;
import dev.polygate.translators.grpc.schema.SchemaLoader;
import dev.polygate.translators.model.call.CallOpener;
import dev.polygate.translators.model.catalog.ServiceCatalog;
import dev.polygate.translators.model.docs.ApiDocuments;
import dev.polygate.translators.model.openapi.JsonDialect;
import dev.polygate.translators.model.rest.RestIngress;
import dev.polygate.translators.model.route.RouteOperations;
import dev.polygate.translators.model.web.ClientProtocol;
import dev.polygate.translators.model.web.GrpcWebIngress;
import dev.polygate.translators.model.websocket.WebSocketIngress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The grpc translator of one route. The request's content type says who is calling: native gRPC clients
 * pass through, gRPC-Web clients are converted to gRPC, and anything else is a REST/JSON call transcoded
 * by the schema's HTTP rules.
 */
final class GrpcTranslator implements Translator {
    private final GrpcRouteConfig config;
    private final UpstreamConfig upstream;
    private final Translator backend;
    private final Executor refreshes;
    private final GrpcPassthrough passthrough;
    private final CallOpener calls;
    private final GrpcWebIngress grpcWeb;
    private final ServiceCatalog catalog;
    private volatile ExposedSchema schema;
    private volatile RestIngress rest;
    private volatile WebSocketIngress webSocket;
    private volatile RouteOperations operations;
    private volatile List<ApiDocument> documents;

    GrpcTranslator(GrpcRouteConfig config, UpstreamConfig upstream, ExposedSchema schema, Translator backend,
                   Executor refreshes, ServiceCatalog catalog) {
        this.config = config;
        this.catalog = catalog;
        this.upstream = upstream;
        this.backend = backend;
        this.refreshes = refreshes;
        this.passthrough = new GrpcPassthrough(backend, config.timeout());
        this.calls = BackendCall.opener(backend, config.maxMessageBytes());
        this.grpcWeb = new GrpcWebIngress(config.grpcWeb(), passthrough::handle);
        install(schema);
    }

    @Override
    public void handle(Exchange exchange) {
        if (exchange.webSocket().isPresent()) {
            webSocket.handle(exchange);
            return;
        }
        switch (ClientProtocol.of(exchange.request())) {
            case GRPC_WEB -> grpcWeb.handle(exchange);
            case GRPC -> passthrough.handle(exchange);
            default -> rest.handle(exchange);
        }
    }

    @Override
    public CompletionStage<String> refresh() {
        if (!config.hasSchema() || !config.schema().reflection()) {
            return CompletableFuture.completedFuture(null);
        }
        return SchemaLoader.reflect(upstream, config.services(), config.schema().reflectionTimeout(), refreshes)
                .thenApply(reflected -> {
                    try {
                        ExposedSchema next = ExposedSchema.build(schema.base().merge(reflected), config);
                        install(next);
                        return next.summary();
                    } catch (dev.polygate.spi.ConfigException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                });
    }

    private void install(ExposedSchema next) {
        schema = next;
        RestIngress nextRest = new RestIngress(next.transcoding(), calls, config.rest());
        Function<String, Descriptors.MethodDescriptor> methods = grpcMethods(next.services());
        WebSocketIngress nextWebSocket = new WebSocketIngress(nextRest, methods);
        operations = new RouteOperations(nextRest, nextWebSocket, methods);
        webSocket = nextWebSocket;
        rest = nextRest;
        documents = ApiDocuments.of(next.services(), next.transcoding().rules(),
                JsonDialect.proto3(config.transcoding()));
        catalog.publish(this, next.services());
    }

    @Override
    public Optional<String> operationOf(Exchange exchange) {
        return operations.operationOf(exchange);
    }

    @Override
    public void reject(Exchange exchange, GatewayException error) {
        operations.reject(exchange, error);
    }

    /** Every operation is callable over a WebSocket on its REST path and on its gRPC path. */
    @Override
    public boolean acceptsWebSocket() {
        return true;
    }

    /** The methods by their gRPC path, {@code /package.Service/Method}. */
    private static Function<String, Descriptors.MethodDescriptor> grpcMethods(
            List<Descriptors.ServiceDescriptor> services) {
        Map<String, Descriptors.MethodDescriptor> byPath = new HashMap<>();
        for (Descriptors.ServiceDescriptor service : services) {
            for (Descriptors.MethodDescriptor method : service.getMethods()) {
                byPath.put("/" + service.getFullName() + "/" + method.getName(), method);
            }
        }
        return Map.copyOf(byPath)::get;
    }

    @Override
    public List<ApiDocument> documents() {
        return documents;
    }

    @Override
    public void close() {
        catalog.withdraw(this);
        backend.close();
    }
}
