package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.wsdl.SoapServices;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JAX-WS RI's document/literal wrapped Orders service behind the built gateway: every XSD construct of its
 * schema survives the trip JSON → XML → JSON, read from the schema and not guessed from the XML.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SoapRichTypesThroughGatewayTest {
    @TempDir
    static Path dir;
    static SoapServices services;
    static GatewayProcess gateway;
    static SoapRest rest;

    @BeforeAll
    static void start() throws Exception {
        services = SoapServices.start();
        Path config = dir.resolve("soap.yaml");
        Files.writeString(config, """
                reload: { watch: false }
                admin: { port: 0 }
                listeners:
                  - { name: http, address: 127.0.0.1, port: 0 }
                upstreams:
                  soap: { endpoints: [ "http://127.0.0.1:%d" ] }
                routes:
                  - name: orders
                    match: { path: "/orders/**" }
                    translator: soap
                    backend: { upstream: soap, wsdl: "%s", prefix: /orders }
                """.formatted(services.port(), services.wsdl(SoapServices.ORDERS)));
        gateway = GatewayProcess.start(List.of("-Xmx128m"), "run", "--config", config.toString());
        rest = new SoapRest("http://127.0.0.1:" + gateway.port("http"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (services != null) {
            services.close();
        }
    }

    /** An order with every XSD construct of the Orders schema, as EchoOrder takes it. */
    static final String ORDER = """
            {"order":{"currency":"EUR","revision":3,"id":"9007199254740993",
              "customer":{"name":"Ada","address":{"country":"UK","street":"1 Loop St","city":"London"}},
              "line":[{"gift":true,"sku":"A-1","quantity":2,"unitPrice":"0.10"},
                      {"sku":"B-2","quantity":1,"unitPrice":"12345678901234567890.123456789"}],
              "note":null,
              "card":{"holder":"Ada","last4":"4242"},
              "status":"on-hold","total":"12345678901234567890.323456789",
              "serial":"123456789012345678901234567890",
              "placedAt":"2024-02-29T23:59:59.123+05:30","deliverOn":"2024-03-01",
              "signature":"AAECAwT/"}}
            """;

    @Test
    void everyConstructOfTheOrderComesBackExactly() throws Exception {
        HttpResponse<String> response = rest.post("/orders/EchoOrder", ORDER);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode order = SoapRest.json(response).path("order");
        assertThat(order.path("currency").asText()).isEqualTo("EUR");
        assertThat(order.path("revision").asInt()).isEqualTo(3);
        // 2^53 + 1: a double would have made it ...992
        assertThat(order.path("id").asText()).isEqualTo("9007199254740993");
        assertThat(order.path("customer").path("address").path("country").asText()).isEqualTo("UK");
        assertThat(order.path("customer").path("address").path("city").asText()).isEqualTo("London");
        assertThat(order.path("line").isArray()).isTrue();
        assertThat(order.path("line")).hasSize(2);
        assertThat(order.path("line").get(0).path("gift").asBoolean()).isTrue();
        assertThat(order.path("line").get(1).path("unitPrice").asText()).isEqualTo("12345678901234567890.123456789");
        assertThat(order.has("note")).as(response.body()).isTrue();
        assertThat(order.path("note").isNull()).as("nil stays null: " + response.body()).isTrue();
        assertThat(order.has("comment")).as("absent stays absent").isFalse();
        assertThat(order.path("card").path("last4").asText()).isEqualTo("4242");
        assertThat(order.has("invoice")).isFalse();
        assertThat(order.path("status").asText()).isEqualTo("on-hold");
        assertThat(order.path("total").asText()).isEqualTo("12345678901234567890.323456789");
        assertThat(order.path("serial").asText()).isEqualTo("123456789012345678901234567890");
        assertThat(order.path("placedAt").asText()).isEqualTo("2024-02-29T23:59:59.123+05:30");
        assertThat(order.path("deliverOn").asText()).isEqualTo("2024-03-01");
        assertThat(order.path("signature").asText()).isEqualTo("AAECAwT/");
    }

    @Test
    void theOtherChoiceAndANoteThatIsSetComeBackAsSent() throws Exception {
        String order = ORDER.replace("\"note\":null", "\"note\":\"ring twice\",\"comment\":\"fragile\"")
                .replace("\"card\":{\"holder\":\"Ada\",\"last4\":\"4242\"}", "\"invoice\":{\"dueDays\":30,\"reference\":\"INV-7\"}");
        HttpResponse<String> response = rest.post("/orders/EchoOrder", order);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode echoed = SoapRest.json(response).path("order");
        assertThat(echoed.path("note").asText()).isEqualTo("ring twice");
        assertThat(echoed.path("comment").asText()).isEqualTo("fragile");
        assertThat(echoed.has("card")).isFalse();
        assertThat(echoed.path("invoice").path("dueDays").asInt()).isEqualTo(30);
        assertThat(echoed.path("invoice").path("reference").asText()).isEqualTo("INV-7");
    }

    @Test
    void markupInTextTravelsEscapedAndTextXmlCannotCarryIsTheClientsMistake() throws Exception {
        String markup = "<a & b> ]]> \\\"q\\\" 'x' \\t\\ud83d\\ude00";
        HttpResponse<String> echoed = rest.post("/orders/EchoOrder", ORDER.replace("\"note\":null", "\"note\":\"" + markup + "\""));
        assertThat(echoed.statusCode()).as(echoed.body()).isEqualTo(200);
        assertThat(SoapRest.json(echoed).path("order").path("note").asText()).isEqualTo("<a & b> ]]> \"q\" 'x' \t\ud83d\ude00");

        HttpResponse<String> refused = rest.post("/orders/EchoOrder", ORDER.replace("\"note\":null", "\"note\":\"bell\\u0007\""));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(SoapRest.json(refused).path("detail").asText()).contains("order.note", "U+0007");
    }

    @Test
    void repeatedElementsAreArraysOfNoneOneAndMany() throws Exception {
        for (int count : new int[] {0, 1, 3}) {
            HttpResponse<String> response = rest.post("/orders/ListLines", "{\"count\":" + count + "}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode lines = SoapRest.json(response).path("line");
            assertThat(lines.isArray()).as(count + " -> " + response.body()).isTrue();
            assertThat(lines).hasSize(count);
        }
        JsonNode one = SoapRest.json(rest.post("/orders/ListLines", "{\"count\":1}")).path("line").get(0);
        assertThat(one.path("sku").asText()).isEqualTo("SKU-1");
        assertThat(one.path("unitPrice").asText()).isEqualTo("0.01");
    }

    @Test
    void decimalsAddUpExactly() throws Exception {
        HttpResponse<String> response = rest.post("/orders/Sum",
                "{\"amount\":[\"0.1\",\"0.2\",\"99999999999999999999.7\"]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(SoapRest.json(response).path("total").asText()).isEqualTo("100000000000000000000.0");
    }

    @Test
    void aDeclaredFaultIsProblemJsonWithItsDetail() throws Exception {
        HttpResponse<String> response = rest.post("/orders/CancelOrder", "{\"orderId\":\"42\"}");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        // a Server fault is the backend's failure: 502 by default
        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        JsonNode problem = SoapRest.json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(502);
        assertThat(problem.path("code").asText()).isEqualTo("SOAP_FAULT");
        assertThat(problem.path("faultcode").asText()).isEqualTo("Server");
        assertThat(problem.path("reason").asText()).isEqualTo("no order 42");
        assertThat(problem.path("faultDetail").path("orderId").asText()).as(response.body()).isEqualTo("42");
        assertThat(problem.path("faultDetail").path("reason").asText()).isEqualTo("unknown order");
        assertThat(SoapRest.json(rest.post("/orders/CancelOrder", "{\"orderId\":\"1\"}")).path("cancelled")
                .asBoolean()).isTrue();
    }
}
