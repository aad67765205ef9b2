package dev.polygate.translators.grpc.reflection;

import dev.polygate.spi.Exchange;
import dev.polygate.spi.Translator;
import dev.polygate.translators.grpc.web.CorsPreflight;
import dev.polygate.translators.grpc.web.GrpcWebConfig;
import dev.polygate.translators.grpc.web.GrpcWebIngress;
import io.netty.handler.codec.http.HttpHeaderNames;

/**
 * The gateway's reflection service as a route sees it. Reflection clients speak whatever protocol they use for
 * the calls they are about to make: {@code buf curl --protocol grpcweb} asks for the schema over gRPC-Web (over
 * HTTP/2, since the stream is bidirectional), so gRPC-Web requests and their CORS preflights go through the
 * same ingress the grpc translator uses, and native gRPC reaches the service directly.
 */
final class ReflectionTranslator implements Translator {
    private final ReflectionService service = new ReflectionService();
    private final GrpcWebIngress grpcWeb = new GrpcWebIngress(GrpcWebConfig.defaults(), service::handle);

    @Override
    public void handle(Exchange exchange) {
        if (CorsPreflight.isPreflight(exchange.request()) || isGrpcWeb(exchange)) {
            grpcWeb.handle(exchange);
        } else {
            service.handle(exchange);
        }
    }

    private static boolean isGrpcWeb(Exchange exchange) {
        String contentType = exchange.request().headers().get(HttpHeaderNames.CONTENT_TYPE);
        return contentType != null && contentType.regionMatches(true, 0, "application/grpc-web", 0, 20);
    }
}
