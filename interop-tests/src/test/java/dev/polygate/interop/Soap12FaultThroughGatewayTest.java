package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.rpc.ErrorInfo;
import dev.polygate.wsdl.SoapServices;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SOAP 1.2 faults with Subcode chains, Node, Role and Detail, as the JAX-WS RI Telemetry service really sends
 * them (HTTP 500 whatever the code), through the built gateway: REST clients get problem+json under the
 * status the fault's code calls for, gRPC clients a status with the fault in its ErrorInfo.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Soap12FaultThroughGatewayTest {
    private static final String SERVICE = "soap.telemetry.Telemetry";
    private static final String BELOW_ZERO = "{\"reading\":{\"sensor\":\"t-1\",\"sequence\":\"3\",\"value\":-300.5}}";
    private static final String OFFLINE = "{\"reading\":{\"sensor\":\"t-offline\",\"sequence\":\"4\",\"value\":20}}";
    private static final String NODE = "urn:polygate:test:telemetry:validator";
    private static final String ULTIMATE_RECEIVER = "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver";
    @TempDir
    static Path dir;
    static SoapServices services;
    static GatewayProcess gateway;
    static SoapRest rest;
    static SoapCallerGrpcClient grpc;

    @BeforeAll
    static void start() throws Exception {
        services = SoapServices.start();
        String wsdl = services.wsdl(SoapServices.TELEMETRY).toString();
        Path config = dir.resolve("soap12-faults.yaml");
        Files.writeString(config, """
                reload: { watch: false }
                admin: { port: 0 }
                listeners:
                  - { name: http, address: 127.0.0.1, port: 0 }
                upstreams:
                  soap: { endpoints: [ "http://127.0.0.1:%d" ] }
                routes:
                  - { name: telemetry, match: { path: "/telemetry/**" }, translator: soap,
                      backend: { upstream: soap, wsdl: "%s", prefix: /telemetry } }
                  - { name: telemetry-503, match: { path: "/telemetry-503/**" }, translator: soap,
                      backend: { upstream: soap, wsdl: "%s", prefix: /telemetry-503, faults: { serverStatus: 503 } } }
                  - { name: telemetry-grpc, match: { path: "/%s/*" }, translator: soap,
                      backend: { upstream: soap, wsdl: "%s" } }
                  - { name: reflection, match: { path: "/grpc.reflection.v1.ServerReflection/*" },
                      translator: grpc-reflection, backend: {} }
                """.formatted(services.port(), wsdl, wsdl, SERVICE, wsdl));
        gateway = GatewayProcess.start(List.of("-Xmx128m"), "run", "--config", config.toString());
        rest = new SoapRest("http://127.0.0.1:" + gateway.port("http"));
        grpc = SoapCallerGrpcClient.connect(gateway.port("http"), SERVICE);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable open : new AutoCloseable[] {grpc, gateway, services}) {
            if (open != null) {
                open.close();
            }
        }
    }

    @Test
    void aSenderFaultIsA400ProblemWithEveryPartOfTheFault() throws Exception {
        HttpResponse<String> response = rest.post("/telemetry/Record", BELOW_ZERO);

        // the backend answered HTTP 500; the code, Sender, decides
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode problem = SoapRest.json(response);
        List<String> fields = new ArrayList<>();
        problem.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("type", "title", "status", "code", "faultcode", "subcodes", "reason", "detail",
                "node", "role", "faultDetailXml");
        assertThat(problem.path("title").asText()).isEqualTo("SOAP Fault");
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("code").asText()).isEqualTo("SOAP_FAULT");
        assertThat(problem.path("faultcode").asText()).isEqualTo("Sender");
        assertThat(problem.path("subcodes")).extracting(JsonNode::asText)
                .containsExactly("InvalidReading", "BelowAbsoluteZero");
        assertThat(problem.path("reason").asText()).isEqualTo("reading -300.5 of t-1 is below absolute zero");
        assertThat(problem.path("node").asText()).isEqualTo(NODE);
        assertThat(problem.path("role").asText()).isEqualTo(ULTIMATE_RECEIVER);
        // no wsdl:fault declares t:limits, so the detail stays the XML it was
        assertThat(problem.path("detail").asText()).isEqualTo(problem.path("reason").asText());
        assertThat(problem.path("faultDetailXml").asText()).as(response.body()).contains("limits", "minimum>-273.15<", "received>-300.5<");
    }

    @Test
    void aReceiverFaultWithASubcodeTakesTheServerFaultStatus() throws Exception {
        for (String prefix : List.of("/telemetry", "/telemetry-503")) {
            HttpResponse<String> response = rest.post(prefix + "/Record", OFFLINE);
            assertThat(response.statusCode()).as(prefix + ": " + response.body())
                    .isEqualTo(prefix.endsWith("503") ? 503 : 502);
            JsonNode problem = SoapRest.json(response);
            assertThat(problem.path("faultcode").asText()).isEqualTo("Receiver");
            assertThat(problem.path("subcodes")).extracting(JsonNode::asText).containsExactly("SensorOffline");
            assertThat(problem.path("reason").asText()).isEqualTo("sensor t-offline does not answer");
            assertThat(problem.has("faultDetail")).isFalse();
            assertThat(problem.has("faultDetailXml")).isFalse();
            assertThat(problem.has("node")).isFalse();
        }
    }

    @Test
    void aGrpcClientGetsInvalidArgumentWithTheFaultInErrorInfo() {
        assertThatThrownBy(() -> grpc.call("Record", BELOW_ZERO)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).isEqualTo("reading -300.5 of t-1 is below absolute zero");
            ErrorInfo info = SoapCallerGrpcClient.errorInfo(e);
            assertThat(info.getDomain()).isEqualTo("soap");
            assertThat(info.getReason()).isEqualTo("SOAP_FAULT");
            assertThat(info.getMetadataMap()).containsEntry("faultcode", "Sender")
                    .containsEntry("subcodes", "InvalidReading BelowAbsoluteZero").containsEntry("node", NODE)
                    .containsEntry("role", ULTIMATE_RECEIVER);
            assertThat(info.getMetadataOrThrow("detailXml")).contains("limits", "-273.15");
        });
    }

    @Test
    void aGrpcClientGetsInternalForAReceiverFault() throws Exception {
        assertThatThrownBy(() -> grpc.call("Record", OFFLINE)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
            assertThat(e.getStatus().getDescription()).isEqualTo("sensor t-offline does not answer");
            assertThat(SoapCallerGrpcClient.errorInfo(e).getMetadataMap()).containsEntry("faultcode", "Receiver")
                    .containsEntry("subcodes", "SensorOffline").doesNotContainKeys("node", "role", "detailXml");
        });
        String coldest = "{\"reading\":{\"sensor\":\"t-2\",\"sequence\":\"5\",\"value\":-273.15}}";
        assertThat(SoapRest.json(grpc.call("Record", coldest))
                .path("ack").path("sequence").asText()).isEqualTo("5");
    }
}
