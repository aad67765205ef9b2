package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * gRPC-Web and reflection clients nobody here wrote, against the built gateway in front of a grpc-java Greeter:
 * {@code buf curl} (gRPC and gRPC-Web, schema by the gateway's own reflection or from the descriptor set) and, in
 * headless Chromium on a page of another origin, connect-web (binary gRPC-Web) and a fetch-based grpc-web-text
 * client (connect-web has no text mode). The tools are installed by {@code interop-tests/web-clients/install.sh};
 * without them these tests fail in CI and are skipped elsewhere.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GrpcWebClientsTest {
    private static final String GREETER = "demo.greeter.v1.Greeter";
    private static final String SAY_HELLO = GREETER + "/SayHello";
    private static final String STREAM = GREETER + "/StreamGreetings";
    /** The browser cases ask for 4 greetings 200 ms apart. */
    private static final int BROWSER_INTERVAL_MS = 200;

    @TempDir
    static Path dir;
    static GreeterServer greeter;
    static GatewayProcess gateway;
    static Path descriptors;
    static BufCurl buf;
    private static BrowserRun browser;

    @BeforeAll
    static void start() throws Exception {
        WebClientTools.requireInstalled();
        greeter = new GreeterServer();
        Path config = GreeterGatewayConfig.write(dir, greeter.port());
        descriptors = GreeterGatewayConfig.descriptorSet(dir);
        gateway = GatewayProcess.start(List.of("-Xmx64m", "-XX:MaxDirectMemorySize=64m"), "run", "--config",
                config.toString());
        buf = new BufCurl(baseUrl(), dir);
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

    private static String baseUrl() {
        return "http://127.0.0.1:" + gateway.port("http");
    }

    // ---- buf curl ----

    @ParameterizedTest(name = "--protocol {0} --reflect-protocol {1}")
    @CsvSource({"grpc, grpc-v1", "grpc, grpc-v1alpha", "grpcweb, grpc-v1", "grpcweb, grpc-v1alpha"})
    void bufCurlDiscoversTheServicesByTheGatewaysReflection(String protocol, String reflectProtocol) throws Exception {
        ClientRun services = buf.list("services", protocol, reflectProtocol);
        assertThat(services.exitCode()).as(services.describe()).isZero();
        assertThat(BufCurl.lines(services.stdout())).as(services.describe()).containsExactly(GREETER,
                "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");

        ClientRun methods = buf.list("methods", protocol, reflectProtocol);
        assertThat(methods.exitCode()).as(methods.describe()).isZero();
        assertThat(BufCurl.lines(methods.stdout())).as(methods.describe()).contains(SAY_HELLO, STREAM);
    }

    @ParameterizedTest(name = "schema from {0}")
    @EnumSource(BufCurl.Schema.class)
    void bufCurlGrpcWebUnary(BufCurl.Schema schema) throws Exception {
        ClientRun run = buf.call("grpcweb", schema.flags(descriptors), SAY_HELLO, "{\"name\": \"buf\"}");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        List<JsonNode> replies = BufCurl.messages(run.stdout());
        assertThat(replies).as(run.describe()).hasSize(1);
        assertThat(replies.get(0).path("message").asText()).isEqualTo("Hello, buf!");
    }

    @ParameterizedTest(name = "schema from {0}")
    @EnumSource(BufCurl.Schema.class)
    void bufCurlGrpcWebServerStreaming(BufCurl.Schema schema) throws Exception {
        ClientRun run = buf.call("grpcweb", schema.flags(descriptors), STREAM,
                "{\"name\": \"buf\", \"count\": 3, \"interval\": \"0.05s\"}");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(BufCurl.messages(run.stdout()).stream().map(m -> m.path("message").asText()).toList())
                .as(run.describe()).containsExactly("Hello #1, buf!", "Hello #2, buf!", "Hello #3, buf!");
    }

    @ParameterizedTest(name = "schema from {0}")
    @EnumSource(BufCurl.Schema.class)
    void bufCurlGrpcWebSeesTheBackendsErrorStatus(BufCurl.Schema schema) throws Exception {
        ClientRun run = buf.call("grpcweb", schema.flags(descriptors), SAY_HELLO, "{\"name\": \"\"}");
        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        JsonNode error = new ObjectMapper().readTree(run.stderr());
        assertThat(error.path("code").asText()).as(run.describe()).isEqualTo("invalid_argument");
        assertThat(error.path("message").asText()).isEqualTo(GreeterServer.EMPTY_NAME);
    }

    @Test
    void bufCurlNativeGrpcByReflection() throws Exception {
        ClientRun run = buf.call("grpc", List.of(), STREAM, "{\"name\": \"h2c\", \"count\": 2, \"interval\": \"0.01s\"}");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(BufCurl.messages(run.stdout()).stream().map(m -> m.path("sequence").asInt()).toList())
                .as(run.describe()).containsExactly(1, 2);
    }

    // ---- Chromium ----

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({"connect-web, binary", "grpc-web-text, text"})
    void browserUnary(String client, String mode) throws Exception {
        JsonNode result = browser().result(client, "SayHello");
        assertThat(result.path("mode").asText()).isEqualTo(mode);
        assertThat(result.path("codeName").asText()).as(result.toString()).isEqualTo("OK");
        assertThat(messages(result)).containsExactly("Hello, Chromium!");
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({"connect-web, binary", "grpc-web-text, text"})
    void browserServerStreamingArrivesInOrderAndIncrementally(String client, String mode) throws Exception {
        JsonNode result = browser().result(client, "StreamGreetings");
        assertThat(result.path("mode").asText()).isEqualTo(mode);
        assertThat(result.path("codeName").asText()).as(result.toString()).isEqualTo("OK");
        assertThat(messages(result)).containsExactly("Hello #1, Chromium!", "Hello #2, Chromium!",
                "Hello #3, Chromium!", "Hello #4, Chromium!");
        // The backend sends one greeting every 200 ms; a gateway or client that buffered the stream would hand
        // the page all four at once at the end.
        List<Integer> arrivals = new ArrayList<>();
        result.get("messages").forEach(m -> arrivals.add(m.get("at").asInt()));
        assertThat(arrivals).as("arrival times in ms").isSorted();
        assertThat(arrivals.get(arrivals.size() - 1) - arrivals.get(0)).as("arrival times in ms: " + arrivals)
                .isGreaterThanOrEqualTo(2 * BROWSER_INTERVAL_MS);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({"connect-web, binary", "grpc-web-text, text"})
    void browserSeesTheBackendsErrorStatus(String client, String mode) throws Exception {
        JsonNode result = browser().result(client, "SayHello-empty-name");
        assertThat(result.path("code").asInt()).as(result.toString()).isEqualTo(3);
        assertThat(result.path("codeName").asText()).isEqualTo("InvalidArgument");
        assertThat(result.path("error").asText()).isEqualTo(GreeterServer.EMPTY_NAME);
        assertThat(result.get("messages")).isEmpty();
    }

    @Test
    void browserCallsAreCrossOriginInBothContentTypes() throws Exception {
        BrowserRun run = browser();
        assertThat(run.requests().stream().map(r -> r.path("contentType").asText()).distinct())
                .as(run.raw()).containsExactlyInAnyOrder("application/grpc-web+proto", "application/grpc-web-text");
        // The page's origin differs from the gateway's and the content types are not CORS-safelisted, so every
        // call was preceded by a preflight, which the gateway answered.
        try (Stream<String> lines = Files.lines(dir.resolve("access.log"))) {
            List<String> greeterLines = lines.filter(line -> line.contains("\"route\":\"greeter\"")).toList();
            assertThat(greeterLines).anyMatch(line -> line.contains("\"method\":\"OPTIONS\"")
                    && line.contains("\"status\":204"));
            assertThat(greeterLines).noneMatch(line -> line.contains("\"status\":5"));
        }
    }

    /** The browser cases run once, on first use, and every browser test reads their results. */
    private static synchronized BrowserRun browser() throws Exception {
        if (browser == null) {
            browser = BrowserRun.against(baseUrl(), descriptors, dir);
        }
        return browser;
    }

    private static List<String> messages(JsonNode result) {
        List<String> messages = new ArrayList<>();
        result.get("messages").forEach(m -> messages.add(m.get("message").asText()));
        return messages;
    }
}
