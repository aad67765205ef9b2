package dev.polygate.edge.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.certs.DevCertificateAuthority;
import dev.polygate.edge.testing.HeadChecks;
import dev.polygate.edge.testing.RunningGateway;
import dev.polygate.edge.testing.TestTls;
import dev.polygate.wsdl.calculator.CalculatorService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HEAD wherever GET answers: a route that lists only GET among its methods, a SOAP operation bound to GET, the
 * api-docs translator and the admin API. HEAD gets GET's status, content type and content length (when GET
 * sends one), and no body; over HTTP/1.1 and h2 on the listeners, HTTP/1.1 on the admin port.
 */
final class HeadLikeGetTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static CalculatorService calculator;
    static RunningGateway gateway;
    static HttpClient h1;
    static HttpClient h2;

    @BeforeAll
    static void start() throws Exception {
        calculator = CalculatorService.start();
        gateway = RunningGateway.start(dir, "{}", """
                upstreams:
                  calculator: { endpoints: [ "http://127.0.0.1:%d" ] }
                routes:
                  - name: only-get
                    match: { prefix: /echo, methods: [ GET ] }
                    translator: test-echo
                    backend: {}
                  - name: calculator
                    match: { prefix: /calc }
                    translator: soap
                    backend:
                      upstream: calculator
                      wsdl: "http://127.0.0.1:%d%s?wsdl"
                      path: %s
                      prefix: /calc
                      operations: { Add: { method: GET, path: "/calc/add/{intA}/{intB}" } }
                  - name: calculator-docs
                    match: { prefix: "/docs/calc/" }
                    translator: api-docs
                    backend: { route: calculator }
                """.formatted(calculator.port(), calculator.port(), CalculatorService.SOAP11_PATH,
                CalculatorService.SOAP11_PATH));
        h1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(TestTls.trusting(DevCertificateAuthority.loadOrCreate(dir).caCertificateFile())).build();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        calculator.close();
    }

    private static HttpResponse<String> get(HttpClient client, String uri) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h1", "h2"})
    void headOnTheListeners(String protocol) throws Exception {
        HttpClient client = protocol.equals("h1") ? h1 : h2;
        String base = protocol.equals("h1") ? "http://127.0.0.1:" + gateway.httpPort()
                : "https://localhost:" + gateway.httpsPort();
        HttpResponse<String> sum = get(client, base + "/calc/add/2/3");
        assertThat(sum.version()).isEqualTo(protocol.equals("h1") ? HttpClient.Version.HTTP_1_1
                : HttpClient.Version.HTTP_2);
        assertThat(sum.body()).isEqualTo("{\"AddResult\":5}");
        for (String path : List.of("/echo/x", "/calc/add/2/3", "/calc/add/2/x", "/docs/calc/openapi.json",
                "/docs/calc/", "/docs/calc/absent")) {
            HeadChecks.assertHeadAnswersLikeGet(client, URI.create(base + path));
        }
    }

    @Test
    void headOnTheAdminApi() throws Exception {
        String base = "http://127.0.0.1:" + gateway.server().adminPort();
        for (String path : List.of("/live", "/ready", "/routes", "/apis", "/apis/calculator/openapi.json", "/absent")) {
            HeadChecks.assertHeadAnswersLikeGet(h1, URI.create(base + path));
        }
    }
}
