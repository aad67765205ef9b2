package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.wsdl.SoapServices;
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

/**
 * SOAP services of the JAX-WS RI behind the built gateway, called as REST/JSON: the WSDL is read from the
 * running service ({@code ?wsdl} with its {@code ?xsd=N} imports), each operation becomes
 * {@code POST prefix/Operation}, and faults come back as errors the REST client can read.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SoapThroughGatewayTest {
    @TempDir
    static Path dir;
    static SoapServices services;
    static GatewayProcess gateway;
    static String base;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

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
                  - name: calculator
                    match: { path: "/calculator/**" }
                    translator: soap
                    backend: { upstream: soap, wsdl: "%s", prefix: /calculator }
                """.formatted(services.port(), services.wsdl(SoapServices.CALCULATOR)));
        gateway = GatewayProcess.start(List.of("-Xmx128m"), "run", "--config", config.toString());
        base = "http://127.0.0.1:" + gateway.port("http");
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
    void addAnswersWithTheResultAsJson() throws Exception {
        HttpResponse<String> response = post("/calculator/Add", "{\"intA\":2,\"intB\":3}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"AddResult\":5}");
        assertThat(post("/calculator/Multiply", "{\"intA\":6,\"intB\":7}").body()).isEqualTo("{\"MultiplyResult\":42}");
    }

    @Test
    void divideByZeroIsAFaultTheClientCanRead() throws Exception {
        HttpResponse<String> response = post("/calculator/Divide", "{\"intA\":1,\"intB\":0}");
        assertThat(response.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(response.body()).contains("SOAP_FAULT", "faultcode");
        assertThat(post("/calculator/Add", "{\"intA\":1,\"intB\":1}").body()).isEqualTo("{\"AddResult\":2}");
    }

    @Test
    void badJsonIsA400AndTheGatewayKeepsServing() throws Exception {
        for (String bad : List.of("{\"intA\":", "{\"intA\":\"two\",\"intB\":3}", "{\"intA\":2,\"intB\":3,\"intC\":4}",
                "{\"intA\":2147483648,\"intB\":3}", "{\"intA\":2}")) {
            HttpResponse<String> response = post("/calculator/Add", bad);
            assertThat(response.statusCode()).as(bad + " -> " + response.body()).isEqualTo(400);
            assertThat(post("/calculator/Add", "{\"intA\":2,\"intB\":2}").body()).isEqualTo("{\"AddResult\":4}");
        }
    }

    @Test
    void anUnknownOperationIs404() throws Exception {
        assertThat(post("/calculator/Modulo", "{}").statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
