package dev.polygate.interop;

import static dev.polygate.interop.DynamicGrpc.byJsonName;
import static dev.polygate.interop.DynamicGrpc.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Empty;
import dev.polygate.wsdl.SoapServices;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * WSDLs as they come, through the built gateway to real JAX-WS services: the Tally service (document/literal bare)
 * has an operation without input parts ({@code Clear}) and one without output parts ({@code Add}), and declares the
 * service name {@code Calculator} as the classic Calculator does; both are exposed side by side, the Tally one under
 * its configured package, over REST and gRPC. The Tally endpoint keeps the raw requests, so what the backend
 * received is checked byte for byte: absent optional values left out, null as xsi:nil, and an absent required value
 * refused before anything is sent. The classic Calculator's route leaves out {@code Divide}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SoapEmptyMessagesThroughGatewayTest {
    private static final String TALLY = "soap.tally.Calculator";
    private static final String CALCULATOR = "soap.calculator.Calculator";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    static Path dir;
    static SoapServices services;
    static GatewayProcess gateway;
    static SoapRest rest;
    static ManagedChannel channel;
    static Descriptors.ServiceDescriptor tally;
    static Descriptors.ServiceDescriptor calculator;

    @BeforeAll
    static void start() throws Exception {
        services = SoapServices.start();
        Path config = dir.resolve("empty-messages.yaml");
        Files.writeString(config, LocalGatewayConfig.yaml("""
                soap: { endpoints: [ "http://127.0.0.1:%d" ] }
                """.formatted(services.port()), """
                - name: tally
                  match: { paths: [ "/tally/**", "/%s/*" ] }
                  translator: soap
                  backend: { upstream: soap, wsdl: "%s", prefix: /tally, package: soap.tally }
                - name: calculator
                  match: { paths: [ "/calculator/**", "/%s/*" ] }
                  translator: soap
                  backend: { upstream: soap, wsdl: "%s", prefix: /calculator, exclude: [ Divide ] }
                - { name: reflection, match: { path: "/grpc.reflection.v1.ServerReflection/*" },
                    translator: grpc-reflection, backend: {} }
                """.formatted(TALLY, services.wsdl(SoapServices.TALLY), CALCULATOR,
                services.wsdl(SoapServices.CALCULATOR))));
        gateway = GatewayProcess.start(List.of("-Xmx128m"), "run", "--config", config.toString());
        rest = new SoapRest("http://127.0.0.1:" + gateway.port("http"));
        channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.port("http")).usePlaintext().build();
        ReflectedSchema reflected = new ReflectedSchema(channel);
        tally = reflected.service(TALLY);
        calculator = reflected.service(CALCULATOR);
    }

    @AfterAll
    static void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        for (AutoCloseable started : new AutoCloseable[] {gateway, services}) {
            if (started != null) {
                started.close();
            }
        }
    }

    /** Every test starts from a total of zero. */
    @BeforeEach
    void clear() throws Exception {
        assertThat(rest.post("/tally/Clear", "{}").statusCode()).isEqualTo(200);
    }

    private static List<String> received() {
        return services.received(SoapServices.TALLY);
    }

    private static String lastReceived() {
        List<String> all = received();
        return all.get(all.size() - 1);
    }

    /** The {@code Total} of an answer: a decimal, which JSON carries as a string. */
    private static BigDecimal total(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new BigDecimal(SoapRest.json(response).path("Total").asText());
    }

    private static HttpResponse<String> postWithoutBody(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port("http") + path))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void restCallsAnOperationWithoutInputAndOneWithoutOutput() throws Exception {
        HttpResponse<String> added = rest.post("/tally/Add", "{\"amount\":\"2.50\",\"discount\":\"0.25\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(added.body()).isEqualTo("{}");
        assertThat(lastReceived()).contains("<ns1:amount>2.50</ns1:amount><ns1:discount>0.25</ns1:discount>");

        HttpResponse<String> cleared = postWithoutBody("/tally/Clear");
        assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
        assertThat(total(cleared)).isEqualByComparingTo("2.25");
        assertThat(lastReceived()).as("an input message without parts is an empty Body")
                .contains("<soap:Body></soap:Body>");
        assertThat(total(rest.post("/tally/Clear", "{}"))).isEqualByComparingTo("0");
    }

    @Test
    void grpcCallsThemWithEmpty() throws Exception {
        Descriptors.MethodDescriptor add = tally.findMethodByName("Add");
        Descriptors.MethodDescriptor clear = tally.findMethodByName("Clear");
        assertThat(add.getOutputType().getFullName()).isEqualTo(Empty.getDescriptor().getFullName());
        assertThat(clear.getInputType().getFullName()).isEqualTo(Empty.getDescriptor().getFullName());
        Descriptors.Descriptor entry = add.getInputType();
        DynamicMessage answer = DynamicGrpc.call(channel, add, DynamicMessage.newBuilder(entry)
                .setField(byJsonName(entry, "amount"), "7.5").build());
        assertThat(answer.getAllFields()).isEmpty();

        DynamicMessage total = DynamicGrpc.call(channel, clear, DynamicMessage.getDefaultInstance(clear.getInputType()));
        DynamicMessage value = (DynamicMessage) field(total, "Total");
        assertThat(new BigDecimal((String) field(value, "value"))).isEqualByComparingTo("7.5");
    }

    @Test
    void theBackendGetsAbsentOptionalValuesLeftOutAndNullAsNil() throws Exception {
        assertThat(rest.post("/tally/Add", "{\"amount\":\"10\"}").statusCode()).isEqualTo(200);
        assertThat(lastReceived()).contains("<ns1:amount>10</ns1:amount></ns1:Entry>")
                .doesNotContain("discount").doesNotContain("rebate");

        assertThat(rest.post("/tally/Add", "{\"amount\":\"10\",\"rebate\":null}").statusCode()).isEqualTo(200);
        assertThat(lastReceived()).containsPattern("<ns1:rebate xmlns:xsi=\"[^\"]+\" xsi:nil=\"true\"></ns1:rebate>")
                .doesNotContain("discount");

        assertThat(rest.post("/tally/Scale", "{\"Factor\":null}").statusCode()).isEqualTo(200);
        assertThat(lastReceived()).containsPattern("<ns1:Factor xmlns:ns1=\"[^\"]+\" xmlns:xsi=\"[^\"]+\" "
                + "xsi:nil=\"true\"></ns1:Factor>");
        assertThat(total(rest.post("/tally/Clear", "{}")))
                .isEqualByComparingTo("20");
    }

    @Test
    void anAbsentRequiredValueIsRefusedBeforeAnythingIsSent() throws Exception {
        int before = received().size();
        HttpResponse<String> refused = rest.post("/tally/Scale", "{}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(SoapRest.json(refused).path("detail").asText()).contains("'Factor'");

        Descriptors.MethodDescriptor scale = tally.findMethodByName("Scale");
        assertThatThrownBy(() -> DynamicGrpc.call(channel, scale, DynamicMessage.getDefaultInstance(scale.getInputType())))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("'Factor'");
                });
        assertThat(received()).as("nothing reached the backend").hasSize(before);
    }

    @Test
    void bothServicesNamedCalculatorAnswerRestAndGrpc() throws Exception {
        HttpResponse<String> sum = rest.post("/calculator/Add", "{\"intA\":2,\"intB\":3}");
        assertThat(sum.statusCode()).as(sum.body()).isEqualTo(200);
        assertThat(SoapRest.json(sum).path("AddResult").asInt()).isEqualTo(5);
        DynamicMessage product = DynamicGrpc.call(channel, calculator.findMethodByName("Multiply"),
                DynamicGrpc.operands(calculator, "Multiply", 6, 7));
        assertThat(field(product, "MultiplyResult")).isEqualTo(42);

        assertThat(rest.post("/tally/Add", "{\"amount\":\"4\"}").statusCode()).isEqualTo(200);
        Descriptors.MethodDescriptor scale = tally.findMethodByName("Scale");
        Descriptors.Descriptor factor = scale.getInputType();
        Descriptors.FieldDescriptor value = byJsonName(factor, "Factor");
        DynamicMessage three = DynamicMessage.newBuilder(value.getMessageType())
                .setField(value.getMessageType().findFieldByNumber(1), "3").build();
        DynamicMessage scaled = DynamicGrpc.call(channel, scale, DynamicMessage.newBuilder(factor)
                .setField(value, three).build());
        assertThat(new BigDecimal((String) field((DynamicMessage) field(scaled, "Total"), "value")))
                .isEqualByComparingTo("12");
    }

    @Test
    void anExcludedOperationIsNotExposed() throws Exception {
        assertThat(calculator.getMethods()).extracting(Descriptors.MethodDescriptor::getName)
                .containsExactly("Add", "Subtract", "Multiply");
        HttpResponse<String> divide = rest.post("/calculator/Divide", "{\"intA\":6,\"intB\":3}");
        assertThat(divide.statusCode()).as(divide.body()).isEqualTo(404);
        JsonNode document = SoapRest.json(SoapRest.get("http://127.0.0.1:" + gateway.port("admin")
                + "/apis/calculator/openapi.json").body());
        assertThat(document.path("paths").has("/calculator/Divide")).isFalse();
        assertThat(document.path("paths").has("/calculator/Add")).isTrue();
    }
}
