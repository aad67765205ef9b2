package dev.polygate.edge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.polygate.edge.config.ConfigLoader;
import dev.polygate.edge.runtime.ConfigReloader;
import dev.polygate.edge.testing.RunningGateway;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
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
 * Routes with several paths in front of a real HTTP backend that answers with the request line it received:
 * every path reaches it, {@code stripPrefix} and {@code rewrite} shape the upstream path whichever path matched,
 * precedence against other routes holds per path, the admin API lists every path, and a reload adopts them.
 */
class MultiPathRouteTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    static Path dir;
    static HttpServer backend;
    static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] line = (exchange.getRequestMethod() + " " + exchange.getRequestURI().toString())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, line.length);
            exchange.getResponseBody().write(line);
            exchange.close();
        });
        backend.start();
        gateway = RunningGateway.start(dir, null, upstream() + """
                routes:
                  - name: api
                    match: { paths: [ "/api/**", "/status" ] }
                    stripPrefix: /api
                    backend: { upstream: echo }
                  - name: users
                    match: { paths: [ "/users/{id}", "/accounts/{id}/profile" ] }
                    rewrite: /v2/users/{id}
                    backend: { upstream: echo }
                  - name: me
                    match: { path: "/users/me" }
                    rewrite: /v2/me
                    backend: { upstream: echo }
                """);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        backend.stop(0);
    }

    private static String upstream() {
        return "upstreams:\n  echo: { endpoints: [ \"http://127.0.0.1:" + backend.getAddress().getPort() + "\" ] }\n";
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What the backend received for a request sent to the gateway at {@code path}. */
    private static String upstreamRequest(String path) throws Exception {
        HttpResponse<String> response = get(gateway.httpPort(), path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    @Test
    void stripPrefixAppliesToThePathsThatStartWithIt() throws Exception {
        assertThat(upstreamRequest("/api/items?x=1")).isEqualTo("GET /items?x=1");
        assertThat(upstreamRequest("/api")).isEqualTo("GET /");
        assertThat(upstreamRequest("/status")).isEqualTo("GET /status");
    }

    @Test
    void rewriteTakesTheVariableFromWhicheverPathMatched() throws Exception {
        assertThat(upstreamRequest("/users/7")).isEqualTo("GET /v2/users/7");
        assertThat(upstreamRequest("/accounts/8/profile?full=1")).isEqualTo("GET /v2/users/8?full=1");
    }

    @Test
    void aMoreSpecificRouteStillWinsOverOneOfThePaths() throws Exception {
        assertThat(upstreamRequest("/users/me")).isEqualTo("GET /v2/me");
    }

    @Test
    void otherPathsFindNoRoute() throws Exception {
        for (String path : new String[] {"/accounts/8", "/status/more", "/apix", "/users/7/x"}) {
            HttpResponse<String> missing = get(gateway.httpPort(), path);
            assertThat(missing.statusCode()).as(path).isEqualTo(404);
            assertThat(missing.headers().firstValue("content-type")).hasValue("application/problem+json");
        }
    }

    @Test
    void theAdminApiListsEveryPathOfARoute() throws Exception {
        HttpResponse<String> routes = get(gateway.server().adminPort(), "/routes");
        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(routes.body()).contains("\"me -> http (exact /users/me)\"",
                "\"users -> http (template /users/{id}, template /accounts/{id}/profile)\"",
                "\"api -> http (template /api/**, exact /status)\"");
    }

    @Test
    void aReloadAdoptsAPathListAndRejectsABadOneWhileTheRunningRoutesServe() throws Exception {
        Path file = dir.resolve("reload.yaml");
        String head = "dataDir: " + dir + "\naccessLog: { enabled: false }\nreload: { watch: false }\n"
                + "admin: { enabled: false }\nlisteners:\n  - { name: http, address: 127.0.0.1, port: 0 }\n"
                + upstream() + "routes:\n  - name: work\n    backend: { upstream: echo }\n";
        Files.writeString(file, head + "    match: { path: \"/one/**\" }\n");
        try (RunningGateway reloaded = RunningGateway.of(GatewayServer.start(ConfigLoader.load(file)))) {
            int port = reloaded.httpPort();
            assertThat(get(port, "/two/x").statusCode()).isEqualTo(404);
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            ConfigReloader reloader = new ConfigReloader(file, reloaded.server()::reload,
                    new PrintStream(console, true, StandardCharsets.UTF_8));

            Files.writeString(file, head + "    match: { paths: [ \"/one/**\", \"/two/{name}\" ] }\n");
            assertThat(reloader.reload("test")).isTrue();
            assertThat(get(port, "/two/x").body()).isEqualTo("GET /two/x");
            assertThat(get(port, "/one/y").body()).isEqualTo("GET /one/y");

            Files.writeString(file, head + "    match: { paths: [ \"/three/{a}\", \"/three/{b}\" ] }\n");
            assertThat(reloader.reload("test")).isFalse();
            assertThat(console.toString(StandardCharsets.UTF_8)).contains("NOT reloaded",
                    "routes[0].match.paths[1]: '/three/{b}' matches the same paths as '/three/{a}'");
            assertThat(get(port, "/two/x").body()).isEqualTo("GET /two/x");
            assertThat(get(port, "/three/x").statusCode()).isEqualTo(404);
        }
    }
}
