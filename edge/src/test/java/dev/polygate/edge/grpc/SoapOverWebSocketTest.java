package dev.polygate.edge.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.edge.testing.RunningGateway;
import dev.polygate.wsdl.SoapServices;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SOAP operations called over a WebSocket with the route's JSON, through a real gateway to real JAX-WS services:
 * the Calculator's Add on its REST path and on its gRPC path, and the route's validation applying to each message
 * exactly as for REST ({@code xs:decimal} {@code abc} is INVALID_ARGUMENT and nothing reaches the backend).
 */
final class SoapOverWebSocketTest {
    @TempDir
    static Path dir;
    static SoapServices services;
    static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        services = SoapServices.start();
        gateway = RunningGateway.start(dir, null, """
                upstreams:
                  soap: { endpoints: [ "http://127.0.0.1:%d" ] }
                routes:
                  - name: calculator
                    match: { paths: [ "/calculator/**", "/soap.calculator.Calculator/*" ] }
                    translator: soap
                    backend: { upstream: soap, wsdl: "%s", prefix: /calculator }
                  - name: tally
                    match: { paths: [ "/tally/**" ] }
                    translator: soap
                    backend: { upstream: soap, wsdl: "%s", prefix: /tally, package: soap.tally }
                """.formatted(services.port(), services.wsdl(SoapServices.CALCULATOR),
                services.wsdl(SoapServices.TALLY)));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        services.close();
    }

    private static JsonNode json(String text) throws Exception {
        return RestGateway.JSON.readTree(text);
    }

    @Test
    void addOverAWebSocketAnswersEachMessage() throws Exception {
        for (String path : new String[] {"/calculator/Add", "/soap.calculator.Calculator/Add"}) {
            try (JdkSocket socket = JdkSocket.open(gateway.httpPort(), path, "json")) {
                socket.send("{\"intA\":2,\"intB\":3}");
                socket.send("{\"intA\":\"x\",\"intB\":3}");
                socket.send("{\"intA\":40,\"intB\":2}");
                assertThat(json(socket.nextText()).get("AddResult").asInt()).isEqualTo(5);
                assertThat(json(socket.nextText()).has("error")).isTrue();
                assertThat(json(socket.nextText()).get("AddResult").asInt()).isEqualTo(42);
                socket.send("");
                assertThat(socket.closeCode()).isEqualTo(1000);
            }
        }
    }

    @Test
    void anInvalidDecimalIsRefusedBeforeTheBackend() throws Exception {
        int before = services.received(SoapServices.TALLY).size();
        try (JdkSocket socket = JdkSocket.open(gateway.httpPort(), "/tally/Add", null)) {
            socket.send("{\"amount\":\"abc\"}");
            JsonNode error = json(socket.nextText()).get("error");
            assertThat(error).as("the route's JSON error, wrapped").isNotNull();
            assertThat(error.toString()).contains("amount");
            assertThat(services.received(SoapServices.TALLY)).hasSize(before);
            socket.send("{\"amount\":\"2.50\"}");
            assertThat(json(socket.nextText()).has("error")).isFalse();
            assertThat(services.received(SoapServices.TALLY)).hasSize(before + 1);
            assertThat(services.received(SoapServices.TALLY).get(before)).contains(">2.50<");
        }
    }
}
