package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * improbable-eng's gRPC-Web client ({@code @improbable-eng/grpc-web}, from npm) with its {@code WebsocketTransport},
 * the {@code grpc-websockets} framing, against the built gateway in front of a grpc-java Greeter: unary, the
 * backend's error status, server streaming, and bidirectional streaming, which no gRPC-Web client can do over
 * HTTP. The client runs in node with npm's {@code ws} as its WebSocket (the same client bundled for the browser runs
 * in Chromium in {@link WebSocketInChromiumTest}); the tools come from {@code interop-tests/web-clients/install.sh}
 * (missing: fails in CI, skipped elsewhere).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ImprobableWebSocketClientTest {
    @TempDir
    static Path dir;
    static GreeterServer greeter;
    static GatewayProcess gateway;
    static Map<String, JsonNode> results;

    @BeforeAll
    static void start() throws Exception {
        List<String> missing = new ArrayList<>();
        if (WebClientTools.node() == null) {
            missing.add("node is not on the PATH");
        }
        if (!Files.isDirectory(WebClientTools.project().resolve("node_modules/@improbable-eng/grpc-web"))) {
            missing.add("the npm dependencies are not installed in " + WebClientTools.project());
        }
        WebClientTools.failOrSkipIfMissing("improbable-eng gRPC-Web client", missing);
        greeter = new GreeterServer();
        Path config = GreeterGatewayConfig.write(dir, greeter.port());
        gateway = GatewayProcess.start(List.of("-Xmx64m"), "run", "--config", config.toString());
        ClientRun run = ClientRun.run(WebClientTools.project(), dir, Map.of(), Duration.ofSeconds(60),
                List.of(WebClientTools.node(), "websocket/improbable-client.mjs",
                        "http://127.0.0.1:" + gateway.port("http")));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        results = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : run.stdout().split("\n")) {
            if (!line.isBlank()) {
                JsonNode result = json.readTree(line);
                results.put(result.path("case").asText(), result);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (greeter != null) {
            greeter.close();
        }
    }

    private static List<String> messages(JsonNode result) {
        List<String> messages = new ArrayList<>();
        result.path("messages").forEach(m -> messages.add(m.path("message").asText()));
        return messages;
    }

    @Test
    void unary() {
        JsonNode result = results.get("SayHello");
        assertThat(result.path("code").asInt()).as(result.toString()).isZero();
        assertThat(messages(result)).containsExactly("Hello, improbable!");
    }

    @Test
    void theBackendsErrorStatusReachesTheClient() {
        JsonNode result = results.get("SayHello-empty-name");
        assertThat(result.path("code").asInt()).as(result.toString()).isEqualTo(3);
        assertThat(result.path("statusMessage").asText()).isEqualTo(GreeterServer.EMPTY_NAME);
        assertThat(messages(result)).isEmpty();
    }

    @Test
    void serverStreaming() {
        JsonNode result = results.get("StreamGreetings");
        assertThat(result.path("code").asInt()).as(result.toString()).isZero();
        assertThat(messages(result)).containsExactly("Hello #1, improbable!", "Hello #2, improbable!",
                "Hello #3, improbable!");
    }

    @Test
    void bidirectionalStreamingInterleaves() {
        JsonNode result = results.get("Chat");
        assertThat(result.path("code").asInt()).as(result.toString()).isZero();
        assertThat(messages(result)).containsExactly("re: one", "re: two", "re: three");
        List<Integer> sequence = new ArrayList<>();
        result.path("messages").forEach(m -> sequence.add(m.path("sequence").asInt()));
        assertThat(sequence).containsExactly(1, 2, 3);
    }
}
