package dev.polygate.edge.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.polygate.edge.config.ConfigLoader;
import dev.polygate.edge.server.GatewayServer;
import dev.polygate.spi.ConfigException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code cors} stands: first among the global policies, it answers preflights before a global authentication
 * policy could refuse them (browsers send no credentials with a preflight) and puts its grant on that policy's
 * refusals; placed after it, preflights fail. And its configuration errors, at their paths.
 */
class CorsScopeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String APP = "https://app.example.com";

    @TempDir
    Path dir;
    private GatewayServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String yaml(String globalPolicies) {
        return "dataDir: " + dir + "\naccessLog: { enabled: false }\nreload: { watch: false }\ndrainTimeout: 200ms\n"
                + "admin: { enabled: false }\n"
                + "listeners: [ { name: http, address: 127.0.0.1, port: 0 } ]\n"
                + "policies:\n" + globalPolicies
                + "routes:\n  - name: items\n    match: { path: \"/items/{id}\" }\n    translator: test-echo\n"
                + "    backend: {}\n";
    }

    private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port("http") + path))
                .timeout(TIMEOUT).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void firstAmongTheGlobalPoliciesItAnswersPreflightsBeforeAuthentication() throws Exception {
        server = GatewayServer.start(ConfigLoader.parse(yaml("""
                  - cors: { allowOrigins: [ "https://app.example.com" ], allowCredentials: true }
                  - testGate: { tag: auth, mode: reject }
                """), null, dir));

        for (String path : new String[] {"/items/1", "/not/routed"}) {
            HttpResponse<String> preflight = send("OPTIONS", path, "origin", APP, "access-control-request-method", "PUT",
                    "access-control-request-headers", "authorization");
            assertThat(preflight.statusCode()).as(path).isEqualTo(204);
            assertThat(preflight.headers().firstValue("access-control-allow-origin")).as(path).hasValue(APP);
            assertThat(preflight.headers().firstValue("x-trail")).as(path).isEmpty();
        }

        HttpResponse<String> refused = send("PUT", "/items/1", "origin", APP);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("access-control-allow-origin")).hasValue(APP);
        assertThat(refused.headers().firstValue("access-control-allow-credentials")).hasValue("true");
        assertThat(refused.headers().firstValue("www-authenticate")).hasValue("Test realm=\"auth\"");
    }

    @Test
    void placedAfterAuthenticationPreflightsAreRefused() throws Exception {
        server = GatewayServer.start(ConfigLoader.parse(yaml("""
                  - testGate: { tag: auth, mode: reject }
                  - cors: { allowOrigins: [ "https://app.example.com" ] }
                """), null, dir));
        HttpResponse<String> preflight = send("OPTIONS", "/items/1", "origin", APP,
                "access-control-request-method", "PUT");
        assertThat(preflight.statusCode()).isEqualTo(401);
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    void configurationErrorsAreReportedAtTheirPaths() throws Exception {
        ConfigException building = catchThrowableOfType(() -> GatewayServer.start(ConfigLoader.parse(yaml("""
                  - cors: { allowOrigins: "*", allowCredentials: true }
                  - cors: { allowOrigins: [ "https://ok.example.com", "app.example.com", "https://a.example.com/path" ] }
                  - cors: { allowMethods: [ GET, "PO ST" ], allowHeaders: [ "x y" ], maxAge: soon, colour: red }
                """), null, dir)), ConfigException.class);
        assertThat(building.problems()).extracting(ConfigException.Problem::toString).containsExactlyInAnyOrder(
                "policies[0].cors.allowCredentials: cannot be true when allowOrigins has \"*\": browsers refuse "
                        + "credentials for any origin; list the origins",
                "policies[1].cors.allowOrigins[1]: 'app.example.com' is not an origin; write \"*\", "
                        + "scheme://host[:port] or scheme://*.domain",
                "policies[1].cors.allowOrigins[2]: 'https://a.example.com/path' is not an origin; write \"*\", "
                        + "scheme://host[:port] or scheme://*.domain",
                "policies[2].cors.allowOrigins: is required: the origins that may call, e.g. "
                        + "[ \"https://app.example.com\" ], or \"*\"",
                "policies[2].cors.allowMethods[1]: 'PO ST' is not an HTTP method",
                "policies[2].cors.allowHeaders[0]: 'x y' is not a header name",
                "policies[2].cors.maxAge: 'soon' is not a duration; write e.g. 250ms, 5s, 2m or 1h",
                "policies[2].cors.colour: unknown key; expected one of allowOrigins, allowMethods, allowHeaders, "
                        + "exposeHeaders, allowCredentials, maxAge");
    }
}
