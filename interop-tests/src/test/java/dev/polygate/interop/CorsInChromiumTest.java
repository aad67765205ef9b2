package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cors} policy judged by a real browser: headless Chromium opens a page at {@code http://page.localhost}
 * and fetches from the gateway jar at {@code http://127.0.0.1}, another origin. Chromium alone decides, from the
 * answers' CORS headers and its own preflights, whether the page may read them: with the policy it may, without it
 * (or from an origin the policy does not list) the fetch fails, whatever the backend answered.
 */
class CorsInChromiumTest {
    @TempDir
    static Path dir;
    static HttpServer api;
    static final List<String> seen = new CopyOnWriteArrayList<>();
    static GatewayProcess gateway;
    static JsonNode run;

    @BeforeAll
    static void start() throws Exception {
        WebClientTools.requireInstalled();
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
                seen.add(call);
                byte[] body = ("backend answered " + call).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("x-request-id", "id-" + exchange.getRequestURI().getPath());
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        api.start();
        Path config = dir.resolve("cors-gateway.yaml");
        Files.writeString(config, """
                dataDir: data
                accessLog: { file: access.log }
                reload: { watch: false }
                admin: { port: 0 }
                listeners:
                  - { name: http, address: 127.0.0.1, port: 0 }
                upstreams:
                  api: { endpoints: [ "http://127.0.0.1:%d" ] }
                routes:
                  - name: with-cors
                    match: { prefix: /with-cors }
                    backend: { upstream: api }
                    policies:
                      - cors:
                          allowOrigins: [ "http://*.localhost" ]
                          allowHeaders: [ content-type, x-api-key ]
                          exposeHeaders: [ x-request-id ]
                  - name: with-cors-locked
                    match: { prefix: /with-cors-locked }
                    backend: { upstream: api }
                    policies:
                      - cors: { allowOrigins: [ "http://*.localhost" ], allowHeaders: [ content-type ] }
                      - ipRules: { allow: [ "192.0.2.0/24" ] }
                  - name: without-cors
                    match: { prefix: /without-cors }
                    backend: { upstream: api }
                  - name: other-origin
                    match: { prefix: /other-origin }
                    backend: { upstream: api }
                    policies:
                      - cors: { allowOrigins: [ "https://app.example.com" ] }
                """.formatted(api.getAddress().getPort()));
        gateway = GatewayProcess.start(List.of("-Xmx64m"), "run", "--config", config.toString());
        ClientRun browser = ClientRun.run(WebClientTools.project(), Files.createDirectories(dir.resolve("output")),
                Map.of("POLYGATE_CHROMIUM", WebClientTools.chromium().toString()), Duration.ofSeconds(90),
                List.of(WebClientTools.node(), "run-cors-browser.mjs", "--api",
                        "http://127.0.0.1:" + gateway.port("http")));
        if (browser.exitCode() != 0) {
            throw new AssertionError("the browser run failed:\n" + browser.describe());
        }
        run = new ObjectMapper().readTree(browser.stdout());
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (api != null) {
            api.stop(0);
        }
    }

    private static JsonNode result(String name) {
        JsonNode result = run.path("results").path(name);
        assertThat(result.isMissingNode()).as("case " + name + " in " + run).isFalse();
        return result;
    }

    @Test
    void withThePolicyThePageReadsSimpleAndPreflightedCallsAndTheExposedHeader() {
        JsonNode simple = result("simpleWithCors");
        assertThat(simple.path("ok").asBoolean()).as(simple.toString()).isTrue();
        assertThat(simple.path("body").asText()).isEqualTo("backend answered GET /with-cors/simple");
        assertThat(simple.path("exposed").asText()).isEqualTo("id-/with-cors/simple");

        JsonNode preflighted = result("preflightedWithCors");
        assertThat(preflighted.path("ok").asBoolean()).as(preflighted.toString()).isTrue();
        assertThat(preflighted.path("body").asText()).isEqualTo("backend answered PUT /with-cors/preflighted");
        assertThat(seen).as("the policy answered the preflight itself")
                .contains("PUT /with-cors/preflighted").doesNotContain("OPTIONS /with-cors/preflighted");
    }

    @Test
    void aRefusalByALaterPolicyIsReadableByThePage() {
        JsonNode refused = result("refusedByLaterPolicy");
        assertThat(refused.path("ok").asBoolean()).as(refused.toString()).isTrue();
        assertThat(refused.path("status").asInt()).isEqualTo(403);
        assertThat(refused.path("body").asText()).contains("PERMISSION_DENIED");
        assertThat(seen).noneMatch(call -> call.contains("/with-cors-locked/"));
    }

    @Test
    void withoutThePolicyOrFromAnotherOriginTheBrowserRefusesThePageTheAnswer() {
        for (String name : new String[] {"simpleWithoutCors", "preflightedWithoutCors", "otherOriginOnly"}) {
            JsonNode failed = result(name);
            assertThat(failed.path("ok").asBoolean()).as(name + ": " + failed).isFalse();
            assertThat(failed.path("error").asText()).as(name).contains("TypeError");
        }
        assertThat(seen).as("a simple request is sent; only its answer is hidden").contains("GET /without-cors/simple");
        assertThat(seen).as("without the policy the preflight reaches the backend, which grants nothing")
                .contains("OPTIONS /without-cors/preflighted").doesNotContain("PUT /without-cors/preflighted");
    }
}
