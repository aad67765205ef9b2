package dev.polygate.translators.soap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.polygate.translators.model.openapi.OpenApiGenerator;
import dev.polygate.translators.model.transcoding.HttpRuleIndex;
import dev.polygate.translators.model.transcoding.TranscodingOptions;
import dev.polygate.translators.soap.wsdl.WsdlDefinition;
import dev.polygate.translators.soap.wsdl.WsdlImporter;
import dev.polygate.translators.soap.wsdl.WsdlPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A test WSDL's port built as the soap translator builds it, and the OpenAPI document it serves for it.
 *
 * @param api      the port's API
 * @param document its OpenAPI document
 */
record ShopApiDocument(SoapApi api, ObjectNode document) {

    /** The port of {@code wsdl} (a resource beside this class) under the route section's {@code extra} lines. */
    static ShopApiDocument of(String wsdl, String extra) throws Exception {
        Path directory = Path.of(ShopApiDocument.class.getResource(wsdl).toURI()).getParent();
        SoapRouteConfig config = SoapRouteConfig.parse(new YAMLMapper().readTree(
                "upstream: shop\nwsdl: " + wsdl + "\n" + extra), directory);
        WsdlDefinition definition = WsdlImporter.load(config.wsdl(), Duration.ofSeconds(10));
        WsdlPort port = definition.port(null, null);
        SoapApi api = SoapApi.build(definition, port, config);
        TranscodingOptions options = new TranscodingOptions(false, false, config.ignoreUnknownFields());
        return new ShopApiDocument(api, OpenApiGenerator.generate(List.of(api.service()),
                HttpRuleIndex.build(List.of(api.service())), SoapApiDialect.of(api, port, options),
                OpenApiGenerator.GenericBindings.UNANNOTATED));
    }

    /** An operation's binding by its name. */
    OperationBinding operation(String name) {
        return api.bindings().get(api.service().getFullName() + "." + name);
    }
}
