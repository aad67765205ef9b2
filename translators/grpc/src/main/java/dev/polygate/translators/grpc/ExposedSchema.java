package dev.polygate.translators.grpc;

import com.google.protobuf.Descriptors;
import com.google.protobuf.TypeRegistry;
import com.google.rpc.ErrorDetailsProto;
import dev.polygate.spi.ConfigException;
import dev.polygate.translators.grpc.schema.SchemaRegistry;
import dev.polygate.translators.model.rest.RestIngress;
import dev.polygate.translators.model.transcoding.HttpRuleIndex;
import dev.polygate.translators.model.transcoding.RequestTranscoder;
import dev.polygate.translators.model.transcoding.ResponseTranscoder;
import java.util.List;

/**
 * What a route exposes of its schema: the services (those named in config, or every service but the
 * backend's own reflection and health services), their HTTP rules and JSON converters. Rebuilt whole
 * when the schema is refreshed, so a request always sees one consistent version.
 */
record ExposedSchema(SchemaRegistry base, List<Descriptors.ServiceDescriptor> services,
                     RestIngress.Transcoding transcoding) {

    static ExposedSchema build(SchemaRegistry registry, GrpcRouteConfig route) throws ConfigException {
        if (!route.services().isEmpty()) {
            registry.requireServices(route.services());
        }
        List<Descriptors.ServiceDescriptor> services = route.services().isEmpty()
                ? registry.services().stream().filter(s -> !isInfrastructure(s.getFullName())).toList()
                : route.services().stream().map(name -> registry.service(name).orElseThrow()).toList();
        HttpRuleIndex rules;
        try {
            rules = HttpRuleIndex.build(services);
        } catch (ConfigException e) {
            throw e.under("schema");
        }
        TypeRegistry.Builder types = TypeRegistry.newBuilder()
                .add(ErrorDetailsProto.getDescriptor().getMessageTypes());
        for (Descriptors.FileDescriptor file : registry.files()) {
            types.add(file.getMessageTypes());
        }
        TypeRegistry typeRegistry = types.build();
        return new ExposedSchema(registry, services, new RestIngress.Transcoding(rules,
                new RequestTranscoder(route.transcoding(), typeRegistry),
                new ResponseTranscoder(route.transcoding(), typeRegistry), typeRegistry));
    }

    /** Services every gRPC server may carry that are not part of the application's API. */
    static boolean isInfrastructure(String service) {
        return service.startsWith("grpc.reflection.") || service.startsWith("grpc.health.")
                || service.startsWith("grpc.channelz.");
    }

    String summary() {
        return services.size() + " service(s): " + String.join(", ",
                services.stream().map(Descriptors.ServiceDescriptor::getFullName).toList());
    }
}
