package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.wsdl.SoapServices;
import java.io.InputStream;
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
 * The other shapes of SOAP behind the built gateway, all JAX-WS RI: document/literal bare, rpc/literal, the
 * SOAP 1.2 binding with its faults, and a contract split across files, loaded both over HTTP and from files
 * next to the configuration.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SoapBindingsThroughGatewayTest {
    private static final String CATALOG = "testservices/catalog/";
    @TempDir
    static Path dir;
    static SoapServices services;
    static GatewayProcess gateway;
    static SoapRest rest;

    @BeforeAll
    static void start() throws Exception {
        services = SoapServices.start();
        // the split contract as files: relative imports must resolve against each importing file
        for (String file : List.of("catalog.wsdl", "types/catalog-types.xsd", "types/common/money.xsd")) {
            Path target = dir.resolve("contract").resolve(file);
            Files.createDirectories(target.getParent());
            try (InputStream in = SoapServices.class.getClassLoader()
                    .getResourceAsStream("dev/polygate/wsdl/" + CATALOG + file)) {
                Files.copy(in, target);
            }
        }
        Path config = dir.resolve("soap.yaml");
        Files.writeString(config, """
                reload: { watch: false }
                admin: { port: 0 }
                listeners:
                  - { name: http, address: 127.0.0.1, port: 0 }
                upstreams:
                  soap: { endpoints: [ "http://127.0.0.1:%d" ] }
                routes:
                  - { name: inventory, match: { path: "/inventory/**" }, translator: soap,
                      backend: { upstream: soap, wsdl: "%s", prefix: /inventory } }
                  - { name: legacy, match: { path: "/legacy/**" }, translator: soap,
                      backend: { upstream: soap, wsdl: "%s", prefix: /legacy } }
                  - { name: telemetry, match: { path: "/telemetry/**" }, translator: soap,
                      backend: { upstream: soap, wsdl: "%s", prefix: /telemetry, faults: { serverStatus: 500 } } }
                  - { name: catalog-url, match: { path: "/catalog-url/**" }, translator: soap,
                      backend: { upstream: soap, wsdl: "%s", prefix: /catalog-url, path: /catalog } }
                  - { name: catalog-files, match: { path: "/catalog-files/**" }, translator: soap,
                      backend: { upstream: soap, wsdl: contract/catalog.wsdl, prefix: /catalog-files, path: /catalog } }
                """.formatted(services.port(), services.wsdl(SoapServices.INVENTORY), services.wsdl(SoapServices.LEGACY),
                services.wsdl(SoapServices.TELEMETRY), services.contract(CATALOG + "catalog.wsdl")));
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

    @Test
    void bareOperationsTakeTheElementItself() throws Exception {
        HttpResponse<String> response = rest.post("/inventory/GetStock", "{\"sku\":\"S-1\",\"warehouse\":[\"a\",\"b\"]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode level = SoapRest.json(response);
        assertThat(level.path("sku").asText()).isEqualTo("S-1");
        assertThat(level.path("available").asText()).isEqualTo("20");
        assertThat(level.path("warehouses").asInt()).isEqualTo(2);
        HttpResponse<String> count = rest.post("/inventory/CountItems", "{\"Warehouse\":\"north\"}");
        assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
        assertThat(SoapRest.json(count).path("ItemCount").asInt()).isEqualTo(5);
    }

    @Test
    void rpcLiteralPartsAreTheJsonKeys() throws Exception {
        HttpResponse<String> sum = rest.post("/legacy/addNumbers", "{\"a\":2,\"b\":40}");
        assertThat(sum.statusCode()).as(sum.body()).isEqualTo(200);
        assertThat(SoapRest.json(sum).path("sum").asInt()).isEqualTo(42);
        HttpResponse<String> person = rest.post("/legacy/findPerson", "{\"id\":\"9007199254740993\"}");
        assertThat(person.statusCode()).as(person.body()).isEqualTo(200);
        assertThat(SoapRest.json(person).path("person").path("id").asText()).isEqualTo("9007199254740993");
        assertThat(SoapRest.json(person).path("person").path("name").asText()).isEqualTo("Person 9007199254740993");
        HttpResponse<String> tags = rest.post("/legacy/tags", "{\"count\":2}");
        assertThat(tags.statusCode()).as(tags.body()).isEqualTo(200);
        assertThat(tags.body()).contains("tag1", "tag2");
    }

    @Test
    void soap12AnswersAndItsReceiverFaultUsesTheConfiguredStatus() throws Exception {
        HttpResponse<String> ack = rest.post("/telemetry/Record",
                "{\"reading\":{\"sensor\":\"t-1\",\"sequence\":\"7\",\"value\":21.5,\"at\":\"2025-01-02T03:04:05Z\"}}");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(SoapRest.json(ack).path("ack").path("sequence").asText()).isEqualTo("7");
        assertThat(SoapRest.json(ack).path("ack").path("at").asText()).isEqualTo("2025-01-02T03:04:05Z");

        HttpResponse<String> fault = rest.post("/telemetry/Record",
                "{\"reading\":{\"sensor\":\"x-9\",\"sequence\":\"1\",\"value\":0}}");
        assertThat(fault.statusCode()).as(fault.body()).isEqualTo(500);
        assertThat(fault.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode problem = SoapRest.json(fault);
        assertThat(problem.path("faultcode").asText()).isEqualTo("Receiver");
        assertThat(problem.path("reason").asText()).isEqualTo("unknown sensor x-9");
        assertThat(problem.path("faultDetail").path("sensor").asText()).as(fault.body()).isEqualTo("x-9");
        assertThat(problem.path("faultDetail").path("code").asInt()).isEqualTo(404);
    }

    @Test
    void aContractSplitAcrossFilesLoadsOverHttpAndFromFiles() throws Exception {
        for (String prefix : List.of("/catalog-url", "/catalog-files")) {
            HttpResponse<String> response = rest.post(prefix + "/GetProduct", "{\"sku\":\"abc\"}");
            assertThat(response.statusCode()).as(prefix + ": " + response.body()).isEqualTo(200);
            JsonNode product = SoapRest.json(response).path("product");
            assertThat(product.path("sku").asText()).isEqualTo("abc");
            // money is simpleContent: its text is "value", its currency an attribute
            assertThat(product.path("price").path("value").asText()).as(response.body()).isEqualTo("3.99");
            assertThat(product.path("price").path("currency").asText()).isEqualTo("EUR");
            assertThat(product.path("tag").isArray()).as(response.body()).isTrue();
        }
    }
}
