package dev.polygate.edge.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.edge.config.ConfigLoader;
import dev.polygate.edge.runtime.ConfigReloader;
import dev.polygate.edge.server.GatewayServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy framework through a real gateway: scopes and their order, what routing tells route policies,
 * rejections with headers in each client protocol, asynchronous verdicts with their deadline and cancellation,
 * and policies' lifecycle across reloads. The policies are {@link TestGatePolicyFactory}'s.
 */
class PolicyFrameworkTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private GatewayServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String yaml(String policyTimeout, String global, String listenerPolicies, String routePolicies) {
        return "dataDir: " + dir + "\naccessLog: { enabled: false }\nreload: { watch: false }\ndrainTimeout: 200ms\n"
                + "admin: { enabled: false }\npolicyTimeout: " + policyTimeout + "\n"
                + (global == null ? "" : "policies:\n" + global)
                + "listeners:\n"
                + "  - name: http\n    address: 127.0.0.1\n    port: 0\n"
                + (listenerPolicies == null ? "" : "    policies:\n" + listenerPolicies)
                + "  - { name: other, address: 127.0.0.1, port: 0 }\n"
                + "routes:\n"
                + "  - name: items\n    match: { path: \"/items/{id}\" }\n    translator: test-echo\n    backend: {}\n"
                + (routePolicies == null ? "" : "    policies:\n" + routePolicies);
    }

    private static String gate(String indent, String tag, String more) {
        return indent + "- testGate: { tag: " + tag + (more == null ? "" : ", " + more) + " }\n";
    }

    private GatewayServer start(String yaml) throws Exception {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, yaml);
        server = GatewayServer.start(ConfigLoader.load(file));
        return server;
    }

    private HttpResponse<String> get(String listener, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port(listener) + path))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void globalThenListenerThenRoutePoliciesRunAndRoutePoliciesSeeWhatRoutingLearned() throws Exception {
        start(yaml("5s", gate("  ", "g", null), gate("      ", "l", null), gate("      ", "r", null)));

        HttpResponse<String> response = get("http", "/items/42");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "x-trail")).isEqualTo("g,l,r");
        assertThat(header(response, "x-seen-g")).isEqualTo("listener=http;route=-;operation=;vars={}");
        assertThat(header(response, "x-seen-l")).isEqualTo("listener=http;route=-;operation=;vars={}");
        assertThat(header(response, "x-seen-r")).isEqualTo("listener=http;route=items;operation=;vars={id=42}");

        HttpResponse<String> other = get("other", "/items/7");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(header(other, "x-trail")).as("the other listener has no policies of its own").isEqualTo("g,r");
        assertThat(header(other, "x-seen-r")).isEqualTo("listener=other;route=items;operation=;vars={id=7}");
    }

    @Test
    void anUnknownPathPassesTheGlobalPoliciesBeforeItIsA404() throws Exception {
        start(yaml("5s", gate("  ", "g", null), null, null));
        HttpResponse<String> missing = get("http", "/nowhere");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(header(missing, "x-trail")).as("the global policy's response side saw the 404 too").isEqualTo("g");
        server.close();

        start(yaml("5s", gate("  ", "g", "mode: reject"), null, null));
        HttpResponse<String> refused = get("http", "/nowhere");
        assertThat(refused.statusCode()).as("refused before routing, so no 404 tells what exists").isEqualTo(401);
        assertThat(header(refused, "www-authenticate")).isEqualTo("Test realm=\"g\"");
    }

    @Test
    void aRejectionCarriesItsHeadersInEveryClientProtocol() throws Exception {
        start(yaml("5s", null, null, gate("      ", "r", "mode: reject")));

        HttpResponse<String> rest = get("http", "/items/1");
        assertThat(rest.statusCode()).isEqualTo(401);
        assertThat(header(rest, "content-type")).isEqualTo("application/problem+json");
        assertThat(header(rest, "www-authenticate")).isEqualTo("Test realm=\"r\"");
        assertThat(header(rest, "x-trail")).isEqualTo("r");
        assertThat(rest.body()).contains("\"code\":\"UNAUTHENTICATED\"").contains("refused by r");

        HttpResponse<String> grpcWeb = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port("http") + "/items/1"))
                .header("content-type", "application/grpc-web+proto")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, 0, 0, 0, 0}))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(grpcWeb.statusCode()).isEqualTo(200);
        assertThat(header(grpcWeb, "grpc-status")).isEqualTo("16");
        assertThat(header(grpcWeb, "www-authenticate")).isEqualTo("Test realm=\"r\"");

        CompletionException refusedHandshake = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> client.newWebSocketBuilder().buildAsync(
                        URI.create("ws://127.0.0.1:" + server.port("http") + "/items/1"),
                        new WebSocket.Listener() { }).join(),
                CompletionException.class);
        assertThat(refusedHandshake.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        HttpResponse<?> handshake = ((WebSocketHandshakeException) refusedHandshake.getCause()).getResponse();
        assertThat(handshake.statusCode()).isEqualTo(401);
        assertThat(header(handshake, "www-authenticate")).isEqualTo("Test realm=\"r\"");
    }

    @Test
    void responseHeaderRulesApplyToErrorAnswersToo() throws Exception {
        String headers = "  - headers: { response: { set: { x-frame-options: DENY }, remove: [ x-trail ] } }\n";
        start(yaml("5s", headers, null, gate("      ", "r", "mode: reject")));
        HttpResponse<String> refused = get("http", "/items/1");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(header(refused, "x-frame-options")).isEqualTo("DENY");
        assertThat(header(refused, "x-trail")).as("removed by the outer policy").isNull();
        assertThat(header(refused, "www-authenticate")).isEqualTo("Test realm=\"r\"");

        HttpResponse<String> missing = get("http", "/nowhere");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(header(missing, "x-frame-options")).isEqualTo("DENY");
    }

    @Test
    void asynchronousVerdictsProceedOrRejectOnTheExchangesLoop() throws Exception {
        start(yaml("5s", gate("  ", "g", "mode: async"), null, gate("      ", "r", "mode: asyncReject")));
        HttpResponse<String> refused = get("http", "/items/3");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(header(refused, "x-trail")).isEqualTo("g,r");
        assertThat(header(refused, "www-authenticate")).isEqualTo("Test realm=\"r\"");
        server.close();

        start(yaml("5s", gate("  ", "g", "mode: async"), null, gate("      ", "r", "mode: async")));
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> passed = get("http", "/items/" + i);
            assertThat(passed.statusCode()).isEqualTo(200);
            assertThat(header(passed, "x-trail")).isEqualTo("g,r");
            assertThat(passed.body()).contains("\"path\":\"/items/" + i + "\"");
        }
    }

    @Test
    void aPolicyThatFailsIsA500AndTheGatewayKeepsServing() throws Exception {
        for (String mode : new String[] {"throw", "asyncThrow"}) {
            start(yaml("5s", null, null, gate("      ", "r", "mode: " + mode)));
            HttpResponse<String> failed = get("http", "/items/1");
            assertThat(failed.statusCode()).as(mode).isEqualTo(500);
            assertThat(failed.body()).doesNotContain("IllegalStateException").doesNotContain("failed later");
            assertThat(get("other", "/items/2").statusCode()).as(mode).isEqualTo(500);
            server.close();
        }
        start(yaml("5s", null, null, gate("      ", "r", null)));
        assertThat(get("http", "/items/1").statusCode()).isEqualTo(200);
    }

    @Test
    void aDecisionThatNeverComesIsA500AtThePolicyDeadlineAndIsCancelled() throws Exception {
        start(yaml("300ms", null, null, gate("      ", "r", "mode: never, record: events")));
        long started = System.nanoTime();
        HttpResponse<String> late = get("http", "/items/1");
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(late.statusCode()).isEqualTo(500);
        assertThat(late.body()).contains("in time");
        assertThat(tookMillis).isBetween(250L, 5000L);
        awaitLine(dir.resolve("events"), "cancelled r");
    }

    @Test
    void aClientThatLeavesCancelsThePendingDecision() throws Exception {
        start(yaml("60s", null, null, gate("      ", "r", "mode: never, record: events")));
        try (Socket socket = new Socket("127.0.0.1", server.port("http"))) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /items/1 HTTP/1.1\r\nhost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.inFlight() == 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            assertThat(server.inFlight()).isEqualTo(1);
        }
        awaitLine(dir.resolve("events"), "cancelled r");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.inFlight() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(server.inFlight()).isZero();
    }

    @Test
    void reloadClosesTheRetiredPoliciesAndKeepsStateByKey() throws Exception {
        start(yaml("5s", null, null, gate("      ", "r1", "keep: counter, record: events")));
        assertThat(header(get("http", "/items/1"), "x-kept-r1")).isEqualTo("1");
        assertThat(header(get("http", "/items/1"), "x-kept-r1")).isEqualTo("2");

        ConfigReloader reloader = new ConfigReloader(dir.resolve("gateway.yaml"), server::reload,
                new PrintStream(new ByteArrayOutputStream(), true));
        Files.writeString(dir.resolve("gateway.yaml"), yaml("5s", null, null,
                gate("      ", "r2", "keep: counter, record: events")));
        assertThat(reloader.reload("test")).isTrue();
        assertThat(header(get("http", "/items/1"), "x-kept-r2")).as("the same key, the same state").isEqualTo("3");
        awaitLine(dir.resolve("events"), "closed r1");
        assertThat(Files.readString(dir.resolve("events"))).doesNotContain("closed r2");

        Files.writeString(dir.resolve("gateway.yaml"), yaml("5s", null, null,
                gate("      ", "r3", "keep: another, record: events")));
        assertThat(reloader.reload("test")).isTrue();
        assertThat(header(get("http", "/items/1"), "x-kept-r3")).as("another key starts afresh").isEqualTo("1");

        server.close();
        assertThat(Files.readString(dir.resolve("events"))).contains("closed r3");
        server = null;
    }

    @Test
    void listenerPoliciesChangeOnReloadWithoutAskingForARestart() throws Exception {
        start(yaml("5s", null, null, null));
        assertThat(header(get("http", "/items/1"), "x-trail")).isNull();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ConfigReloader reloader = new ConfigReloader(dir.resolve("gateway.yaml"), server::reload,
                new PrintStream(console, true));
        Files.writeString(dir.resolve("gateway.yaml"), yaml("5s", null, gate("      ", "l", null), null));
        assertThat(reloader.reload("test")).isTrue();
        assertThat(header(get("http", "/items/1"), "x-trail")).isEqualTo("l");
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("restart");
    }

    private static void awaitLine(Path file, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readAllLines(file).contains(line)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(Files.exists(file) ? Files.readAllLines(file) : java.util.List.of()).contains(line);
    }
}
