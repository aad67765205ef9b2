package dev.polygate.interop;

import static dev.polygate.interop.DynamicGrpc.byJsonName;
import static dev.polygate.interop.DynamicGrpc.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.rpc.ErrorInfo;
import dev.polygate.wsdl.SoapServices;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JAX-WS RI Calculator behind the built gateway, called by clients that know nothing of SOAP: grpc-java
 * with dynamic messages whose types come from the gateway's own reflection, and a gRPC-Web client. One soap
 * route with two paths serves them on the service's path and REST/JSON under its prefix. {@code buf curl}, when
 * installed, discovers the service by reflection and calls it over gRPC and gRPC-Web.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SoapForGrpcClientsTest {
    private static final String SERVICE = "soap.calculator.Calculator";
    private static final HttpClient H1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    static Path dir;
    static SoapServices services;
    static GatewayProcess gateway;
    static ManagedChannel channel;
    static Descriptors.ServiceDescriptor calculator;

    @BeforeAll
    static void start() throws Exception {
        services = SoapServices.start();
        String backend = "{ upstream: soap, wsdl: \"%s\", prefix: /calculator }"
                .formatted(services.wsdl(SoapServices.CALCULATOR));
        Path config = dir.resolve("soap-grpc.yaml");
        Files.writeString(config, """
                reload: { watch: false }
                admin: { port: 0 }
                listeners:
                  - { name: http, address: 127.0.0.1, port: 0 }
                upstreams:
                  soap: { endpoints: [ "http://127.0.0.1:%d" ] }
                routes:
                  - name: calculator
                    match: { paths: [ "/calculator/**", "/%s/*" ] }
                    translator: soap
                    backend: %s
                  - name: reflection
                    match: { paths: [ "/grpc.reflection.v1.ServerReflection/*",
                                      "/grpc.reflection.v1alpha.ServerReflection/*" ] }
                    translator: grpc-reflection
                    backend: {}
                """.formatted(services.port(), SERVICE, backend));
        gateway = GatewayProcess.start(List.of("-Xmx128m"), "run", "--config", config.toString());
        channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.port("http")).usePlaintext().build();
        calculator = new ReflectedSchema(channel).service(SERVICE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (gateway != null) {
            gateway.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    void theGatewaysReflectionListsTheSoapService() throws Exception {
        assertThat(new ReflectedSchema(channel).services()).contains(SERVICE);
        assertThat(calculator.getMethods()).extracting(Descriptors.MethodDescriptor::getName)
                .contains("Add", "Subtract", "Multiply", "Divide");
    }

    @Test
    void aGrpcClientWithDynamicMessagesAdds() {
        DynamicMessage result = call("Add", operands("Add", 2, 3));
        assertThat(field(result, "AddResult")).isEqualTo(5);
        assertThat(field(call("Multiply", operands("Multiply", 6, 7)), "MultiplyResult")).isEqualTo(42);
    }

    @Test
    void aFaultIsAGrpcStatusWithTheFaultInItsDetails() {
        assertThatThrownBy(() -> call("Divide", operands("Divide", 1, 0)))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isIn(Status.Code.INTERNAL, Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).isNotBlank();
                    com.google.rpc.Status details = StatusProto.fromThrowable(e);
                    assertThat(details).isNotNull();
                    assertThat(details.getDetailsList()).filteredOn(any -> any.is(ErrorInfo.class))
                            .singleElement().satisfies(any -> assertThat(unpack(any).getReason()).isEqualTo("SOAP_FAULT"));
                });
        assertThat(field(call("Add", operands("Add", 1, 1)), "AddResult")).isEqualTo(2);
    }

    @Test
    void anUnknownMethodIsUnimplemented() {
        Descriptors.MethodDescriptor add = calculator.findMethodByName("Add");
        MethodDescriptor<DynamicMessage, DynamicMessage> modulo = DynamicGrpc.method(add, SERVICE + "/Modulo");
        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, modulo,
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), operands("Add", 1, 2)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
    }

    @Test
    void aGrpcWebClientAddsAndGetsATrailerFrame() throws Exception {
        HttpResponse<byte[]> response = H1.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + gateway.port("http") + "/" + SERVICE + "/Add"))
                .header("content-type", "application/grpc-web+proto").header("x-grpc-web", "1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(GrpcWebBody.frame(operands("Add", 2, 3).toByteArray())))
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/grpc-web");
        GrpcWebBody body = GrpcWebBody.parse(response.body());
        assertThat(body.messages()).hasSize(1);
        DynamicMessage result = DynamicMessage.parseFrom(calculator.findMethodByName("Add").getOutputType(),
                body.messages().get(0));
        assertThat(field(result, "AddResult")).isEqualTo(5);
        assertThat(body.trailers()).containsEntry("grpc-status", "0");
    }

    @Test
    void restClientsUseTheSameRoute() throws Exception {
        HttpResponse<String> response = H1.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + gateway.port("http") + "/calculator/Add"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"intA\":2,\"intB\":3}"))
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("{\"AddResult\":5}");
    }

    @Test
    void bufCurlDiscoversTheSoapServiceByReflection() throws Exception {
        WebClientTools.requireInstalled();
        ClientRun services = buf().list("services", "grpc", "grpc-v1");
        assertThat(services.exitCode()).as(services.describe()).isZero();
        assertThat(BufCurl.lines(services.stdout())).as(services.describe()).contains(SERVICE);
        ClientRun methods = buf().list("methods", "grpc", "grpc-v1");
        assertThat(BufCurl.lines(methods.stdout())).as(methods.describe()).contains(SERVICE + "/Add", SERVICE + "/Divide");
    }

    @ParameterizedTest(name = "--protocol {0}")
    @ValueSource(strings = {"grpc", "grpcweb"})
    void bufCurlCallsAddWithTheSchemaFromReflection(String protocol) throws Exception {
        WebClientTools.requireInstalled();
        ClientRun run = buf().call(protocol, List.of(), SERVICE + "/Add", "{\"intA\": 2, \"intB\": 3}");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        List<JsonNode> results = BufCurl.messages(run.stdout());
        assertThat(results).as(run.describe()).hasSize(1);
        assertThat(results.get(0).path("AddResult").asInt()).as(run.describe()).isEqualTo(5);
    }

    private static BufCurl buf() throws Exception {
        return new BufCurl("http://127.0.0.1:" + gateway.port("http"), Files.createTempDirectory(dir, "buf"));
    }

    private static DynamicMessage call(String operation, DynamicMessage request) {
        return DynamicGrpc.call(channel, calculator.findMethodByName(operation), request);
    }

    private static DynamicMessage operands(String operation, int a, int b) {
        return DynamicGrpc.operands(calculator, operation, a, b);
    }

    private static ErrorInfo unpack(Any any) {
        try {
            return any.unpack(ErrorInfo.class);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
