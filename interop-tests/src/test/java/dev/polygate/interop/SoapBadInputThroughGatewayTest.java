package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.wsdl.SoapServices;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad requests and bad backends on a SOAP route of the built gateway: each is a clear problem+json error
 * (400 for the client's JSON, 502 for an answer that is not safe SOAP, 504 for none within the route's
 * timeout), and the very next good call still succeeds.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SoapBadInputThroughGatewayTest {
    private static final String ADD_RESPONSE = FakeSoapBackend.envelope(
            "<AddResponse xmlns=\"http://tempuri.org/\"><AddResult>5</AddResult></AddResponse>");
    /** Entity expansion: a billion laughs, cut short; the parser must refuse the DTD, not expand it. */
    private static final String LAUGHS = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
            + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
            + ADD_RESPONSE.replace("<AddResult>5</AddResult>", "<AddResult>&lol3;</AddResult>");
    /** An external entity: the gateway must never read a local file into an answer. */
    private static final String XXE = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>"
            + ADD_RESPONSE.replace("<AddResult>5</AddResult>", "<AddResult>&xxe;</AddResult>");
    @TempDir
    static Path dir;
    static FakeSoapBackend backend;
    static GatewayProcess gateway;
    static SoapRest rest;

    @BeforeAll
    static void start() throws Exception {
        backend = new FakeSoapBackend()
                .answer("/good", 200, "text/xml; charset=utf-8", ADD_RESPONSE)
                .answer("/laughs", 200, "text/xml; charset=utf-8", LAUGHS)
                .answer("/xxe", 200, "text/xml; charset=utf-8", XXE)
                .answer("/html", 500, "text/html", "<html><body><h1>500 Internal Server Error</h1></body></html>")
                .holdOpen("/silent");
        try (InputStream wsdl = SoapServices.class.getClassLoader()
                .getResourceAsStream("dev/polygate/wsdl/calculator/calculator.wsdl")) {
            Files.copy(wsdl, dir.resolve("calculator.wsdl"));
        }
        StringBuilder routes = new StringBuilder();
        for (String name : List.of("good", "laughs", "xxe", "html", "silent")) {
            routes.append("""
                      - { name: %s, match: { path: "/%s/**" }, translator: soap,
                          backend: { upstream: fake, wsdl: calculator.wsdl, prefix: /%s, path: /%s, timeout: 2s } }
                    """.formatted(name, name, name, name));
        }
        Path config = dir.resolve("soap.yaml");
        Files.writeString(config, """
                reload: { watch: false }
                admin: { port: 0 }
                listeners:
                  - { name: http, address: 127.0.0.1, port: 0 }
                upstreams:
                  fake: { endpoints: [ "http://127.0.0.1:%d" ] }
                routes:
                """.formatted(backend.port()) + routes);
        gateway = GatewayProcess.start(List.of("-Xmx128m"), "run", "--config", config.toString());
        rest = new SoapRest("http://127.0.0.1:" + gateway.port("http"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void theClientsMistakesAre400ProblemJson() throws Exception {
        for (String bad : List.of("{\"intA\":", "[1,2]", "{\"intA\":\"two\",\"intB\":3}", "{\"intA\":2,\"intB\":true}",
                "{\"intA\":2}", "{\"intA\":2,\"intB\":3,\"intC\":4}", "{\"intA\":2147483648,\"intB\":3}")) {
            HttpResponse<String> response = rest.post("/good/Add", bad);
            assertThat(response.statusCode()).as(bad + " -> " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
            JsonNode problem = SoapRest.json(response);
            assertThat(problem.path("status").asInt()).isEqualTo(400);
            assertThat(problem.path("detail").asText()).as(bad).isNotBlank();
            assertGoodCall();
        }
    }

    @Test
    void entityExpansionIsRefusedAs502() throws Exception {
        assertBadGateway("/laughs/Add");
    }

    @Test
    void anExternalEntityIsRefusedAs502AndNeverRead() throws Exception {
        HttpResponse<String> response = assertBadGateway("/xxe/Add");
        String hostname = Files.exists(Path.of("/etc/hostname")) ? Files.readString(Path.of("/etc/hostname")).trim() : "";
        if (!hostname.isEmpty()) {
            assertThat(response.body()).doesNotContain(hostname);
        }
    }

    @Test
    void anHtmlErrorPageIs502() throws Exception {
        assertBadGateway("/html/Add");
    }

    @Test
    void aBackendThatNeverAnswersIs504AfterTheRouteTimeout() throws Exception {
        Instant started = Instant.now();
        HttpResponse<String> response = rest.post("/silent/Add", "{\"intA\":2,\"intB\":3}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(504);
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(15));
        assertThat(SoapRest.json(response).path("status").asInt()).isEqualTo(504);
        assertGoodCall();
    }

    private static HttpResponse<String> assertBadGateway(String path) throws Exception {
        HttpResponse<String> response = rest.post(path, "{\"intA\":2,\"intB\":3}");
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(502);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(SoapRest.json(response).path("detail").asText()).as(response.body()).isNotBlank();
        assertGoodCall();
        return response;
    }

    private static void assertGoodCall() throws Exception {
        HttpResponse<String> good = rest.post("/good/Add", "{\"intA\":2,\"intB\":3}");
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        assertThat(good.body()).isEqualTo("{\"AddResult\":5}");
    }
}
