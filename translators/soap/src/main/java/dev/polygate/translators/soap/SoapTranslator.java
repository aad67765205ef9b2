package dev.polygate.translators.soap;

import com.google.protobuf.Descriptors;
import dev.polygate.spi.ApiDocument;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Translator;
import dev.polygate.translators.model.call.GrpcIngress;
import dev.polygate.translators.model.catalog.ServiceCatalog;
import dev.polygate.translators.model.rest.RestIngress;
import dev.polygate.translators.model.route.RouteOperations;
import dev.polygate.translators.model.web.ClientProtocol;
import dev.polygate.translators.model.web.GrpcWebConfig;
import dev.polygate.translators.model.web.GrpcWebIngress;
import dev.polygate.translators.model.websocket.WebSocketIngress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The soap translator of one route. The request's content type says who is calling: native gRPC and gRPC-Web
 * clients call the port's operations as the methods of the compiled service, WebSocket clients call them as
 * JSON or {@code grpc-websockets} messages, anything else is a REST/JSON
 * call matched by the operations' HTTP rules; every call reaches the SOAP backend as an envelope. The route
 * also serves the API's OpenAPI document and .proto, and the service is listed by the gateway's reflection.
 */
final class SoapTranslator implements Translator {
    private final RestIngress rest;
    private final GrpcIngress grpc;
    private final GrpcWebIngress grpcWeb;
    private final WebSocketIngress webSocket;
    private final RouteOperations operations;
    private final Translator backend;
    private final List<ApiDocument> documents;
    private final Map<String, String> grpcServices;
    private final ServiceCatalog catalog;

    SoapTranslator(RestIngress rest, GrpcIngress grpc, WebSocketIngress webSocket, RouteOperations operations,
                   Descriptors.ServiceDescriptor service, String contract, Translator backend,
                   List<ApiDocument> documents, ServiceCatalog catalog) {
        this.webSocket = webSocket;
        this.operations = operations;
        this.rest = rest;
        this.grpc = grpc;
        this.grpcWeb = new GrpcWebIngress(GrpcWebConfig.defaults(), grpc::handle);
        this.backend = backend;
        this.documents = documents;
        this.grpcServices = Map.of(service.getFullName(), contract);
        this.catalog = catalog;
        catalog.publish(this, List.of(service));
    }

    @Override
    public void handle(Exchange exchange) {
        if (exchange.webSocket().isPresent()) {
            webSocket.handle(exchange);
            return;
        }
        switch (ClientProtocol.of(exchange.request())) {
            case GRPC_WEB -> grpcWeb.handle(exchange);
            case GRPC -> grpc.handle(exchange);
            default -> rest.handle(exchange);
        }
    }

    @Override
    public Optional<String> operationOf(Exchange exchange) {
        return operations.operationOf(exchange);
    }

    /** A policy's refusal reaches REST clients in the route's own error dialect, with the error's headers. */
    @Override
    public void reject(Exchange exchange, GatewayException error) {
        operations.reject(exchange, error);
    }

    /** Every operation is callable over a WebSocket on its REST path and on its gRPC path. */
    @Override
    public boolean acceptsWebSocket() {
        return true;
    }

    @Override
    public List<ApiDocument> documents() {
        return documents;
    }

    @Override
    public Map<String, String> grpcServices() {
        return grpcServices;
    }

    @Override
    public void close() {
        catalog.withdraw(this);
        backend.close();
    }
}
