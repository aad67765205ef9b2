package dev.polygate.translators.grpc.reflection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.Translator;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.TranslatorFactory;
import dev.polygate.translators.model.catalog.ServiceCatalog;

/**
 * The {@code grpc-reflection} translator: the gateway's own gRPC server reflection service
 * ({@code grpc.reflection.v1} and {@code v1alpha}), describing every service this gateway's grpc and soap
 * routes expose (the gateway's {@link ServiceCatalog}), so that {@code buf curl} and grpcurl can discover them through the gateway. Route the paths
 * {@code /grpc.reflection.v1.ServerReflection/**} and {@code /grpc.reflection.v1alpha.ServerReflection/**}
 * to it; it takes no configuration. Native gRPC and gRPC-Web (binary and text, with CORS) are both answered.
 */
public final class GatewayReflectionTranslatorFactory implements TranslatorFactory {
    @Override
    public String name() {
        return "grpc-reflection";
    }

    @Override
    public Translator create(JsonNode config, TranslatorContext context) throws ConfigException {
        if (config != null && !config.isNull() && !config.isMissingNode() && !(config.isObject() && config.isEmpty())) {
            throw new ConfigException("", "the grpc-reflection translator takes no settings");
        }
        return new ReflectionTranslator(ServiceCatalog.of(context));
    }
}
