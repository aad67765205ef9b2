package dev.polygate.translators.soap;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.DynamicMessage;
import dev.polygate.translators.model.transcoding.TranscodingOptions;
import dev.polygate.translators.soap.json.XmlJsonCodec;
import dev.polygate.translators.soap.wsdl.WsdlDefinition;
import dev.polygate.translators.soap.wsdl.WsdlImporter;
import java.nio.file.Path;
import java.time.Duration;

/** {@code headers.wsdl}, a port whose operations declare SOAP headers, built as the soap translator builds it. */
final class DeskContract {
    static final String DESK = "urn:desk";
    static final XmlJsonCodec JSON = new XmlJsonCodec(new TranscodingOptions(false, false, false));

    private DeskContract() {
    }

    /** The port's API with {@code extra} (YAML lines) added to a minimal backend section. */
    static SoapApi api(String extra) throws Exception {
        Path directory = Path.of(DeskContract.class.getResource("headers.wsdl").toURI()).getParent();
        SoapRouteConfig config = SoapRouteConfig.parse(new YAMLMapper().readTree(
                "upstream: desk\nwsdl: headers.wsdl\n" + extra), directory);
        WsdlDefinition definition = WsdlImporter.load(config.wsdl(), Duration.ofSeconds(10));
        return SoapApi.build(definition, definition.port(null, null), config);
    }

    static OperationBinding operation(SoapApi api, String name) {
        return api.bindings().get("soap.desk.Desk." + name);
    }

    /** A request of the operation read from JSON, as a REST client's body is read. */
    static DynamicMessage request(OperationBinding operation, String json) {
        return JSON.read(json, operation.inputType());
    }
}
