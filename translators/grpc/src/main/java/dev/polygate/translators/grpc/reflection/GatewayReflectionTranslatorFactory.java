package dev.polygate.translators.grpc.reflection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.Translator;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.TranslatorFactory;
import dev.polygate.translators.grpc.web.CorsPreflight;
import dev.polygate.translators.grpc.web.GrpcWebConfig;
import dev.polygate.translators.grpc.web.GrpcWebIngress;
import io.netty.handler.codec.http.HttpHeaderNames;

/**
 * The {@code grpc-reflection} translator: the gateway's own gRPC server reflection service
 * ({@code grpc.reflection.v1} and {@code v1alpha}, over native gRPC and gRPC-Web), describing every service the gateway's grpc routes
 * expose, so that {@code buf curl} and grpcurl can discover them through the gateway. Route the paths
 * {@code /grpc.reflection.v1.ServerReflection/**} and {@code /grpc.reflection.v1alpha.ServerReflection/**}
 * to it; it takes no configuration.
 */
public final class GatewayReflectionTranslatorFactory implements TranslatorFactory {
    @Override
    public String name() {
        return "grpc-reflection";
    }

    @Override
    public Translator create(JsonNode config, TranslatorContext context) throws ConfigException {
        if (config != null && !config.isNull() && !(config.isObject() && config.isEmpty())) {
            throw new ConfigException("", "the grpc-reflection translator takes no settings");
        }
        ReflectionService service = new ReflectionService();
        GrpcWebIngress grpcWeb = new GrpcWebIngress(GrpcWebConfig.defaults(), service::handle);
        return exchange -> {
            String contentType = exchange.request().headers().get(HttpHeaderNames.CONTENT_TYPE);
            if (CorsPreflight.isPreflight(exchange.request())
                    || contentType != null && contentType.regionMatches(true, 0, "application/grpc-web", 0, 20)) {
                grpcWeb.handle(exchange); // browsers and buf curl --protocol grpcweb discover services too
            } else {
                service.handle(exchange);
            }
        };
    }
}
