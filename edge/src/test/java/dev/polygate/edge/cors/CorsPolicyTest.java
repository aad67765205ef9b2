package dev.polygate.edge.cors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.edge.access.RecordingBackend;
import dev.polygate.edge.grpc.GrpcBackend;
import dev.polygate.edge.testing.RunningGateway;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cors} policy through a real gateway, with the requests a browser sends: preflights answered by the
 * policy (the backend never sees them, later policies never run), actual requests granted on every answer, errors
 * included, in place of what the backend or the gRPC-Web ingress would have said; on a plain http route, a
 * transcoded grpc route and gRPC-Web.
 */
class CorsPolicyTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String APP = "https://app.example.com";
    private static final byte[] EMPTY_GRPC_WEB_MESSAGE = {0, 0, 0, 0, 0};

    @TempDir
    static Path dir;
    static RecordingBackend web;
    static GrpcBackend grpc;
    static RunningGateway gateway;
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    @BeforeAll
    static void start() throws Exception {
        // A backend that answers CORS on its own, too permissively: the policy has the last word.
        web = RecordingBackend.start("access-control-allow-origin", "*", "x-request-id", "r-1");
        grpc = GrpcBackend.start();
        Path descriptors = dir.resolve("services.pb");
        try (InputStream in = CorsPolicyTest.class.getResourceAsStream("/dev/polygate/proto/polygate-services.pb")) {
            Files.copy(in, descriptors);
        }
        gateway = RunningGateway.start(dir, null, """
                upstreams:
                  web: { endpoints: [ "http://127.0.0.1:%d" ] }
                  grpc: { endpoints: [ "h2c://127.0.0.1:%d" ] }
                routes:
                  - name: web
                    match: { prefix: /web, methods: [ GET, PUT, DELETE ] }
                    backend: { upstream: web }
                    policies:
                      - cors:
                          allowOrigins: [ "%s", "https://*.example.org" ]
                          allowMethods: [ GET, PUT, DELETE ]
                          allowHeaders: [ content-type, authorization, x-api-key ]
                          exposeHeaders: [ x-request-id, retry-after ]
                          allowCredentials: true
                          maxAge: 10m
                      - testGate: { tag: after }
                  - name: locked
                    match: { prefix: /locked }
                    backend: { upstream: web }
                    policies:
                      - cors: { allowOrigins: [ "%s" ] }
                      - testGate: { tag: auth, mode: reject }
                  - name: uncors
                    match: { prefix: /uncors }
                    backend: { upstream: web }
                  - name: library
                    match: { prefix: / }
                    translator: grpc
                    backend: { upstream: grpc, schema: { descriptorSets: [ "%s" ] } }
                    policies:
                      - cors:
                          allowOrigins: [ "%s" ]
                          allowMethods: [ GET, POST, PATCH ]
                          allowHeaders: [ content-type, x-grpc-web, x-user-agent, grpc-timeout ]
                          exposeHeaders: [ grpc-status, grpc-message ]
                """.formatted(web.port(), grpc.port(), APP, APP, descriptors, APP));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        grpc.close();
        web.close();
    }

    private static HttpResponse<String> send(String method, String path, byte[] body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
                .timeout(TIMEOUT).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    }

    private static HttpResponse<String> preflight(String path, String origin, String method, String requestHeaders)
            throws Exception {
        return requestHeaders == null
                ? send("OPTIONS", path, null, "origin", origin, "access-control-request-method", method)
                : send("OPTIONS", path, null, "origin", origin, "access-control-request-method", method,
                        "access-control-request-headers", requestHeaders);
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static boolean hasCorsHeaders(HttpResponse<?> response) {
        return response.headers().map().keySet().stream().anyMatch(name -> name.startsWith("access-control-"));
    }

    @Test
    void aPreflightOnAnHttpRouteIsAnsweredByThePolicyAndNeverReachesTheBackend() throws Exception {
        HttpResponse<String> granted = preflight("/web/items/7", APP, "PUT", "content-type, x-api-key");
        assertThat(granted.statusCode()).isEqualTo(204);
        assertThat(header(granted, "access-control-allow-origin")).isEqualTo(APP);
        assertThat(header(granted, "access-control-allow-credentials")).isEqualTo("true");
        assertThat(header(granted, "access-control-allow-methods")).isEqualTo("GET, PUT, DELETE");
        assertThat(header(granted, "access-control-allow-headers")).isEqualTo("content-type, authorization, x-api-key");
        assertThat(header(granted, "access-control-max-age")).isEqualTo("600");
        assertThat(header(granted, "vary")).isEqualToIgnoringCase("origin");
        assertThat(header(granted, "x-trail")).as("the policies after cors did not run").isNull();

        HttpResponse<String> subdomain = preflight("/web/items/7", "https://a.b.example.org", "DELETE", null);
        assertThat(subdomain.statusCode()).isEqualTo(204);
        assertThat(header(subdomain, "access-control-allow-origin")).isEqualTo("https://a.b.example.org");

        for (String[] refused : new String[][] {{"https://evil.example.net", "PUT"}, {"http://app.example.com", "PUT"},
                {"https://example.org", "GET"}}) {
            HttpResponse<String> answer = preflight("/web/items/7", refused[0], refused[1], null);
            assertThat(answer.statusCode()).as(String.join(" ", refused)).isEqualTo(403);
            assertThat(hasCorsHeaders(answer)).as(String.join(" ", refused)).isFalse();
        }
        assertThat(web.seen()).as("the backend saw no preflight").noneMatch(seen -> seen.method().equals("OPTIONS") && seen.path().startsWith("/web"));
    }

    @Test
    void withoutThePolicyAPreflightGoesToTheBackendAsBefore() throws Exception {
        HttpResponse<String> forwarded = preflight("/uncors/items", APP, "PUT", null);
        assertThat(forwarded.statusCode()).isEqualTo(200);
        assertThat(web.last("/uncors/items").method()).isEqualTo("OPTIONS");
    }

    @Test
    void actualRequestsAreGrantedForAllowedOriginsOnlyInPlaceOfTheBackendsGrant() throws Exception {
        HttpResponse<String> allowed = send("GET", "/web/items/1", null, "origin", APP);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("backend saw GET /web/items/1");
        assertThat(allowed.headers().allValues("access-control-allow-origin")).containsExactly(APP);
        assertThat(header(allowed, "access-control-allow-credentials")).isEqualTo("true");
        assertThat(header(allowed, "access-control-expose-headers")).isEqualTo("x-request-id, retry-after");
        assertThat(header(allowed, "vary")).isEqualToIgnoringCase("origin");
        assertThat(header(allowed, "x-trail")).as("the later policy ran").isEqualTo("after");

        HttpResponse<String> other = send("GET", "/web/items/2", null, "origin", "https://evil.example.net");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(hasCorsHeaders(other)).as("the backend's '*' is taken away").isFalse();

        HttpResponse<String> sameOrigin = send("GET", "/web/items/3", null);
        assertThat(header(sameOrigin, "access-control-allow-origin")).as("no Origin: untouched").isEqualTo("*");
        assertThat(header(sameOrigin, "vary")).isNull();
    }

    @Test
    void preflightsBypassAuthenticationAndErrorAnswersCarryTheGrant() throws Exception {
        HttpResponse<String> preflight = preflight("/locked/x", APP, "POST", "authorization");
        assertThat(preflight.statusCode()).as("a preflight carries no credentials; cors answers it first")
                .isEqualTo(204);
        assertThat(header(preflight, "access-control-allow-headers")).contains("authorization");

        HttpResponse<String> refused = send("POST", "/locked/x", new byte[0], "origin", APP);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(header(refused, "www-authenticate")).isEqualTo("Test realm=\"auth\"");
        assertThat(header(refused, "access-control-allow-origin")).as("the page may read the 401").isEqualTo(APP);
        assertThat(header(refused, "access-control-expose-headers")).contains("grpc-status");
        assertThat(refused.body()).contains("UNAUTHENTICATED");
    }

    @Test
    void aTranscodedGrpcRouteAnswersPreflightsForItsRestMethods() throws Exception {
        HttpResponse<String> patch = preflight("/v1/shelves/s1", APP, "PATCH", "content-type");
        assertThat(patch.statusCode()).as("the gRPC-Web ingress alone allows only POST").isEqualTo(204);
        assertThat(header(patch, "access-control-allow-methods")).isEqualTo("GET, POST, PATCH");
        assertThat(header(patch, "access-control-allow-origin")).isEqualTo(APP);

        HttpResponse<String> delete = preflight("/v1/shelves/s1", APP, "DELETE", null);
        assertThat(delete.statusCode()).as("a method the route's policy does not allow").isEqualTo(403);
        assertThat(hasCorsHeaders(delete)).isFalse();

        HttpResponse<String> list = send("GET", "/v1/shelves", null, "origin", APP);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(header(list, "access-control-allow-origin")).isEqualTo(APP);
        assertThat(header(list, "vary")).isEqualToIgnoringCase("origin");

        HttpResponse<String> missing = send("GET", "/v1/shelves/no-such-shelf", null, "origin", APP);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"code\":5");
        assertThat(header(missing, "access-control-allow-origin")).isEqualTo(APP);
    }

    @Test
    void aGrpcWebCallFromABrowserIsGrantedByThePolicyNotByTheIngresssDefault() throws Exception {
        HttpResponse<String> preflight = preflight("/polygate.test.v1.Library/Ping", APP, "POST",
                "content-type,x-grpc-web,x-user-agent");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(header(preflight, "access-control-allow-origin")).isEqualTo(APP);
        assertThat(header(preflight, "access-control-allow-headers"))
                .isEqualTo("content-type, x-grpc-web, x-user-agent, grpc-timeout");

        String[] browser = {"origin", APP, "content-type", "application/grpc-web+proto", "x-grpc-web", "1",
                "x-user-agent", "grpc-web-javascript/0.1"};
        HttpResponse<String> call = send("POST", "/polygate.test.v1.Library/Ping", EMPTY_GRPC_WEB_MESSAGE, browser);
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.body()).contains("pong").contains("grpc-status:0");
        assertThat(call.headers().allValues("access-control-allow-origin")).containsExactly(APP);
        assertThat(header(call, "access-control-expose-headers")).isEqualTo("grpc-status, grpc-message");

        HttpResponse<String> unimplemented = send("POST", "/polygate.test.v1.Library/NoSuchMethod",
                EMPTY_GRPC_WEB_MESSAGE, browser);
        assertThat(header(unimplemented, "grpc-status")).isEqualTo("12");
        assertThat(header(unimplemented, "access-control-allow-origin")).as("the page may read the status")
                .isEqualTo(APP);

        browser[1] = "https://evil.example.net";
        HttpResponse<String> foreign = send("POST", "/polygate.test.v1.Library/Ping", EMPTY_GRPC_WEB_MESSAGE, browser);
        assertThat(foreign.statusCode()).isEqualTo(200);
        assertThat(hasCorsHeaders(foreign)).as("the ingress's default '*' is taken away").isFalse();
        HttpResponse<String> foreignPreflight = preflight("/polygate.test.v1.Library/Ping",
                "https://evil.example.net", "POST", "content-type,x-grpc-web");
        assertThat(foreignPreflight.statusCode()).isEqualTo(403);
    }
}
