package dev.polygate.translators.soap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Empty;
import dev.polygate.spi.ApiDocument;
import dev.polygate.translators.model.docs.ApiDocuments;
import dev.polygate.translators.model.protosource.ProtoSourcePrinter;
import dev.polygate.translators.model.transcoding.HttpRuleIndex;
import dev.polygate.translators.model.transcoding.RuleLookup;
import dev.polygate.translators.model.transcoding.TranscodingOptions;
import dev.polygate.translators.soap.wsdl.WsdlDefinition;
import dev.polygate.translators.soap.wsdl.WsdlImporter;
import dev.polygate.translators.soap.wsdl.WsdlPort;
import dev.polygate.translators.soap.xml.BodyShape;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A one-way operation (the test Calculator's {@code Reset}: an input, no output) is exposed like the others: a
 * method answering {@code google.protobuf.Empty}, bound to {@code POST prefix/Reset}, succeeding with 202 over REST.
 */
class OneWayOperationsTest {
    private static final String RESET = "soap.calculator.Calculator.Reset";
    private static SoapApi api;
    private static WsdlPort port;
    private static WsdlPort calculatorPort;

    @BeforeAll
    static void build() throws Exception {
        api = api("wsdl/calculator.wsdl");
        calculatorPort = port;
    }

    private static SoapApi api(String wsdl) throws Exception {
        Path directory = Path.of(OneWayOperationsTest.class.getResource(wsdl).toURI()).getParent();
        SoapRouteConfig config = SoapRouteConfig.parse(new YAMLMapper().readTree("upstream: calc\nwsdl: "
                + Path.of(wsdl).getFileName() + "\n"), directory);
        WsdlDefinition definition = WsdlImporter.load(config.wsdl(), Duration.ofSeconds(10));
        port = definition.port(null, null);
        return SoapApi.build(definition, port, config);
    }

    @Test
    void aOneWayOperationIsAMethodAnsweringEmpty() {
        MethodDescriptor reset = api.service().findMethodByName("Reset");
        assertThat(reset).isNotNull();
        assertThat(reset.getOutputType().getFullName()).isEqualTo(Empty.getDescriptor().getFullName());
        assertThat(reset.getInputType().getFullName()).isEqualTo("soap.calculator.Reset");
        assertThat(reset.getInputType().getFields()).isEmpty();
        assertThat(reset.getOptions().getExtension(AnnotationsProto.http))
                .isEqualTo(HttpRule.newBuilder().setPost("/calculator/Reset").setBody("*").build());
        assertThat(api.service().getMethods()).extracting(MethodDescriptor::getName).containsExactly("Add", "Divide", "Reset");
    }

    @Test
    void itsBindingHasNoOutputMessageAndSucceedsWith202() {
        OperationBinding reset = api.bindings().get(RESET);
        assertThat(reset.oneWay()).isTrue();
        assertThat(reset.outputShape()).isInstanceOf(BodyShape.NoMessage.class);
        assertThat(reset.outputType()).isEqualTo(Empty.getDescriptor());
        assertThat(reset.inputShape()).isEqualTo(new BodyShape.Element(new javax.xml.namespace.QName("http://tempuri.org/", "Reset")));
        assertThat(api.successStatus(api.service().findMethodByName("Reset"))).isEqualTo(202);
        assertThat(api.bindings().get("soap.calculator.Calculator.Add").oneWay()).isFalse();
        assertThat(api.successStatus(api.service().findMethodByName("Add"))).isEqualTo(200);
    }

    @Test
    void everyRestBindingOfItAnswers202() throws Exception {
        HttpRuleIndex rules = HttpRuleIndex.build(List.of(api.service()), api::successStatus);
        RuleLookup.Found reset = (RuleLookup.Found) rules.lookup("POST", "/calculator/Reset");
        assertThat(reset.match().binding().successStatus()).isEqualTo(202);
        RuleLookup.Found generic = (RuleLookup.Found) rules.lookup("POST", "/soap.calculator.Calculator/Reset");
        assertThat(generic.match().binding().successStatus()).isEqualTo(202);
        RuleLookup.Found add = (RuleLookup.Found) rules.lookup("POST", "/calculator/Add");
        assertThat(add.match().binding().successStatus()).isEqualTo(200);
    }

    @Test
    void theServiceFileImportsEmptyAndItsDocumentsSayWhatRestClientsGet() throws Exception {
        FileDescriptor file = api.service().getFile();
        assertThat(file.getDependencies()).extracting(FileDescriptor::getName).contains("google/protobuf/empty.proto");
        String proto = ProtoSourcePrinter.print(file);
        assertThat(proto).contains("import \"google/protobuf/empty.proto\";")
                .contains("rpc Reset(.soap.calculator.Reset) returns (.google.protobuf.Empty)");

        HttpRuleIndex rules = HttpRuleIndex.build(List.of(api.service()), api::successStatus);
        ApiDocument openApi = ApiDocuments.of(List.of(api.service()), rules,
                SoapApiDialect.of(api, calculatorPort, TranscodingOptions.defaults())).get(0);
        JsonNode document = new ObjectMapper().readTree(openApi.content().get());
        JsonNode responses = document.at("/paths/~1calculator~1Reset/post/responses");
        assertThat(responses.has("202")).isTrue();
        assertThat(responses.has("200")).isFalse();
        assertThat(responses.at("/202/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/google.protobuf.Empty");
        assertThat(document.at("/paths/~1calculator~1Add/post/responses").has("200")).isTrue();
    }

    @Test
    void aPortWithoutOneWayOperationsImportsNoEmpty() throws Exception {
        SoapApi desk = DeskContract.api("");
        assertThat(desk.service().getFile().getDependencies()).extracting(FileDescriptor::getName)
                .doesNotContain("google/protobuf/empty.proto");
        assertThat(desk.bindings().values()).noneMatch(OperationBinding::oneWay);
    }
}
