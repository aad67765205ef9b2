package dev.polygate.translators.model.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.polygate.demo.greeter.v1.HelloRequest;
import dev.polygate.spi.ConfigException;
import dev.polygate.test.v1.KitchenSinkProto;
import dev.polygate.test.v1.LibraryProto;
import dev.polygate.translators.model.transcoding.HttpRuleIndex;
import dev.polygate.translators.model.transcoding.TranscodingOptions;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Documents of the test services, and their validation by swagger-parser. */
final class OpenApiFixtures {
    static final ServiceDescriptor LIBRARY = LibraryProto.getDescriptor().findServiceByName("Library");
    static final ServiceDescriptor KITCHEN = KitchenSinkProto.getDescriptor().findServiceByName("KitchenSink");
    static final ServiceDescriptor GREETER = HelloRequest.getDescriptor().getFile().findServiceByName("Greeter");

    private OpenApiFixtures() {
    }

    static ObjectNode document(List<ServiceDescriptor> services, TranscodingOptions options,
                               OpenApiGenerator.GenericBindings generic) {
        try {
            return OpenApiGenerator.generate(services, HttpRuleIndex.build(services), options, generic);
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static ObjectNode document(ServiceDescriptor... services) {
        return document(List.of(services), TranscodingOptions.defaults(), OpenApiGenerator.GenericBindings.UNANNOTATED);
    }

    /** The document parsed and resolved by swagger-parser, which must report nothing. */
    static SwaggerParseResult validate(ObjectNode document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        String text = new String(OpenApiGenerator.render(document), StandardCharsets.UTF_8);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
        assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        return result;
    }

    static JsonNode schema(JsonNode document, String name) {
        JsonNode schema = document.path("components").path("schemas").path(name);
        assertThat(schema.isMissingNode()).as("schema " + name).isFalse();
        return schema;
    }
}
