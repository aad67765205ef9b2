package dev.polygate.translators.grpc.reflection;

import dev.polygate.spi.Exchange;
import dev.polygate.spi.Translator;
import dev.polygate.translators.model.catalog.ServiceCatalog;
import dev.polygate.translators.model.web.ClientProtocol;
import dev.polygate.translators.model.web.GrpcWebConfig;
import dev.polygate.translators.model.web.GrpcWebIngress;

/**
 * The gateway's reflection service as a route sees it. Reflection clients speak whatever protocol they use for
 * the calls they are about to make: {@code buf curl --protocol grpcweb} asks for the schema over gRPC-Web (over
 * HTTP/2, since the stream is bidirectional), so gRPC-Web requests and their CORS preflights go through the
 * same ingress the grpc translator uses, and native gRPC reaches the service directly.
 */
final class ReflectionTranslator implements Translator {
    private final ReflectionService service;
    private final GrpcWebIngress grpcWeb;

    ReflectionTranslator(ServiceCatalog catalog) {
        this.service = new ReflectionService(catalog);
        this.grpcWeb = new GrpcWebIngress(GrpcWebConfig.defaults(), service::handle);
    }

    @Override
    public void handle(Exchange exchange) {
        if (ClientProtocol.of(exchange.request()) == ClientProtocol.GRPC_WEB) {
            grpcWeb.handle(exchange);
        } else {
            service.handle(exchange);
        }
    }
}
