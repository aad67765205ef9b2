package dev.polygate.translators.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Empty;
import dev.polygate.spi.ConfigException;
import dev.polygate.translators.model.transcoding.TranscodingOptions;
import dev.polygate.translators.soap.json.XmlJsonCodec;
import dev.polygate.translators.soap.wsdl.WsdlDefinition;
import dev.polygate.translators.soap.wsdl.WsdlImporter;
import dev.polygate.translators.soap.xml.BodyShape;
import dev.polygate.translators.soap.xml.MissingValueException;
import dev.polygate.translators.soap.xml.SoapRequestWriter;
import dev.polygate.translators.soap.xml.SoapResponseReader;
import dev.polygate.translators.soap.xml.SoapResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;

/**
 * {@code empty-messages.wsdl}: operations whose input or output message has no part are exposed, with
 * {@code google.protobuf.Empty} on that side and an empty Body (or an rpc wrapper without children) on the wire;
 * a route can leave operations out by name; a required nillable simple-typed value that is absent is refused rather
 * than sent as an empty element its type forbids.
 */
class EmptyMessagesTest {
    private static final XmlJsonCodec JSON = new XmlJsonCodec(new TranscodingOptions(false, false, false));

    private static SoapApi api(String extra) throws Exception {
        Path directory = Path.of(EmptyMessagesTest.class.getResource("wsdl/empty-messages.wsdl").toURI()).getParent();
        SoapRouteConfig config = SoapRouteConfig.parse(new YAMLMapper().readTree(
                "upstream: tally\nwsdl: empty-messages.wsdl\n" + extra), directory);
        WsdlDefinition definition = WsdlImporter.load(config.wsdl(), Duration.ofSeconds(10));
        return SoapApi.build(definition, definition.port(null, null), config);
    }

    private static OperationBinding operation(SoapApi api, String name) {
        return api.bindings().get(api.service().getFullName() + "." + name);
    }

    private static String envelope(OperationBinding operation, String json) {
        DynamicMessage request = JSON.read(json, operation.inputType());
        return new String(SoapRequestWriter.write(operation.version(), operation.inputShape(), request, List.of()),
                StandardCharsets.UTF_8);
    }

    private static SoapResult answer(OperationBinding operation, String body) throws Exception {
        String envelope = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>" + body
                + "</s:Body></s:Envelope>";
        return SoapResponseReader.read(envelope.getBytes(StandardCharsets.UTF_8), 200, "text/xml", operation.version(),
                operation.outputShape(), operation.outputType(), Map.of());
    }

    @Test
    void anEmptyInputIsEmptyAndAnEmptyBodyGoesOut() throws Exception {
        SoapApi api = api("");
        MethodDescriptor clear = api.service().findMethodByName("Clear");
        assertThat(clear.getInputType()).isEqualTo(Empty.getDescriptor());
        assertThat(clear.getOutputType().getFullName()).isEqualTo("soap.tally.Total");
        OperationBinding binding = operation(api, "Clear");
        assertThat(binding.oneWay()).isFalse();
        assertThat(envelope(binding, "{}")).endsWith("<soap:Body></soap:Body></soap:Envelope>");
        assertThat(api.service().getFile().getDependencies()).extracting(f -> f.getName())
                .contains("google/protobuf/empty.proto");
    }

    @Test
    void anEmptyOutputIsEmptyAndAnEmptyBodyAnswersIt() throws Exception {
        SoapApi api = api("");
        MethodDescriptor add = api.service().findMethodByName("Add");
        assertThat(add.getOutputType()).isEqualTo(Empty.getDescriptor());
        OperationBinding binding = operation(api, "Add");
        assertThat(binding.oneWay()).as("an output without parts is still an answer").isFalse();
        assertThat(api.successStatus(add)).isEqualTo(200);
        SoapResult result = answer(binding, "");
        assertThat(result).isInstanceOf(SoapResult.Output.class);
        assertThat(((SoapResult.Output) result).message().getDescriptorForType()).isEqualTo(Empty.getDescriptor());
    }

    @Test
    void anRpcOperationWithoutPartsSendsItsWrapperWithoutChildren() throws Exception {
        SoapApi api = api("");
        OperationBinding ping = operation(api, "Ping");
        assertThat(ping.inputShape()).isEqualTo(new BodyShape.Rpc(new QName("urn:tally", "Ping")));
        assertThat(ping.inputType().getFields()).isEmpty();
        assertThat(envelope(ping, "{}")).contains("<soap:Body><ns1:Ping xmlns:ns1=\"urn:tally\"></ns1:Ping></soap:Body>");
        assertThat(answer(ping, "<t:PingResponse xmlns:t=\"urn:tally\"/>")).isInstanceOf(SoapResult.Output.class);
    }

    @Test
    void anAbsentOptionalValueIsLeftOutAndNullIsNil() throws Exception {
        OperationBinding add = operation(api(""), "Add");
        String plain = envelope(add, "{\"amount\":\"1.5\",\"bonus\":\"0.5\"}");
        assertThat(plain).contains("<ns1:amount>1.5</ns1:amount>").doesNotContain("discount").doesNotContain("rebate");
        String nil = envelope(add, "{\"amount\":\"1.5\",\"rebate\":null,\"bonus\":null}");
        assertThat(nil).contains("xsi:nil=\"true\"></ns1:rebate>").contains("xsi:nil=\"true\"></ns1:bonus>")
                .doesNotContain("discount");
    }

    @Test
    void anAbsentRequiredNillableValueIsRefusedNotSentEmpty() throws Exception {
        SoapApi api = api("");
        OperationBinding scale = operation(api, "Scale");
        assertThat(envelope(scale, "{\"Factor\":\"2\"}")).contains(">2</ns1:Factor>");
        assertThat(envelope(scale, "{\"Factor\":null}")).contains("<ns1:Factor xmlns:ns1=\"urn:tally\" ")
                .contains("xsi:nil=\"true\"");
        // a gRPC client's message without the part, or a REST body without it
        DynamicMessage none = DynamicMessage.getDefaultInstance(scale.inputType());
        assertThatThrownBy(() -> SoapRequestWriter.write(scale.version(), scale.inputShape(), none, List.of()))
                .isInstanceOf(MissingValueException.class).hasMessageContaining("'Factor'");
        OperationBinding add = operation(api, "Add");
        DynamicMessage noBonus = JSON.read("{\"amount\":\"1\",\"bonus\":\"1\"}", add.inputType()).toBuilder()
                .clearField(add.inputType().findFieldByName("bonus")).build();
        assertThatThrownBy(() -> SoapRequestWriter.write(add.version(), add.inputShape(), noBonus, List.of()))
                .isInstanceOf(MissingValueException.class).hasMessageContaining("'bonus'");
    }

    @Test
    void excludedOperationsAreLeftOut() throws Exception {
        SoapApi api = api("exclude: [ Ping, Scale ]\n");
        assertThat(api.service().getMethods()).extracting(MethodDescriptor::getName).containsExactly("Add", "Clear");
        assertThat(api.bindings()).hasSize(2);
    }

    @Test
    void anExcludedNameThatIsNoOperationIsAConfigErrorAtItsEntry() {
        assertThatThrownBy(() -> api("exclude: [ Add, ping, Reset ]\n")).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).containsExactly(
                        new ConfigException.Problem("exclude[1]", "port 'TallyPort' has no operation 'ping' (did you "
                                + "mean 'Ping'?); its operations: Add, Clear, Scale, Ping"),
                        new ConfigException.Problem("exclude[2]", "port 'TallyPort' has no operation 'Reset'; its "
                                + "operations: Add, Clear, Scale, Ping")));
        assertThatThrownBy(() -> api("exclude: [ Add, Clear, Scale, Ping ]\n")).isInstanceOfSatisfying(
                ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        new ConfigException.Problem("exclude", "excludes every operation of port 'TallyPort'")));
        assertThatThrownBy(() -> api("exclude: Add\n")).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).extracting(ConfigException.Problem::path).containsExactly("exclude"));
    }

    @Test
    void aConfiguredPackageNamesTheServiceAndItsMessages() throws Exception {
        SoapApi api = api("package: billing.tally.v1\n");
        assertThat(api.service().getFullName()).isEqualTo("billing.tally.v1.Tally");
        assertThat(api.service().findMethodByName("Scale").getInputType().getFullName())
                .isEqualTo("billing.tally.v1.Factor");
        assertThat(api.service().getFile().getName()).isEqualTo("billing/tally/v1/service.proto");
        assertThat(api.contractFingerprint()).isNotEqualTo(api("").contractFingerprint());
        assertThat(api("operations: { Add: { method: PUT, path: /sums } }\n").contractFingerprint())
                .as("HTTP bindings are no part of the contract").isEqualTo(api("").contractFingerprint());
        for (String bad : List.of("package: 9lives\n", "package: a..b\n", "package: google.api\n", "package: [a]\n")) {
            assertThatThrownBy(() -> api(bad)).as(bad).isInstanceOfSatisfying(ConfigException.class,
                    e -> assertThat(e.problems()).extracting(ConfigException.Problem::path).containsExactly("package"));
        }
    }
}
