package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WebSockets from headless Chromium (Debian's, driven by playwright-core) through the built gateway, on a page the
 * gateway itself serves, so every socket goes to the page's own origin. Three origins, three listeners:
 * <ul>
 *   <li>{@code h2}: TLS with h2 and RFC 8441 advertised. The page comes over HTTP/2, and Chromium carries its
 *       WebSockets on that connection as extended CONNECT streams: the access log shows each session as an HTTP/2
 *       CONNECT answered 200.</li>
 *   <li>{@code tls-http1}: TLS with h2 but {@code webSocketOverHttp2: false}. The page comes over HTTP/2, the
 *       WebSockets by HTTP/1.1 upgrades (101).</li>
 *   <li>{@code http1}: cleartext HTTP/1.1, WebSockets by upgrade.</li>
 * </ul>
 * On each: a handshake on a route that takes no WebSockets (refused with 400, and the sessions after it are served);
 * passthrough to Debian's python3-websockets echo backend (text, 70 kB binary, a Close code and reason the page sets,
 * which the backend reports having received), JSON messages to the grpc-java Greeter (unary calls on the gRPC path,
 * with the backend's error and a message that is no JSON answered as errors between them; the bidirectional
 * {@code Chat} on its REST path), and npm's
 * {@code @improbable-eng/grpc-web} with its {@code WebsocketTransport}, bundled for the browser: unary, server
 * streaming and bidirectional {@code Chat}. Last, an {@code EventSource} on a route with {@code eventStream} in front of
 * the echo backend: the {@code session} event, text and multi-line messages sent by {@code fetch} POSTs and echoed as
 * {@code message} events, and the backend's Close as the {@code close} event. Chromium accepts the gateway's development certificate by its CA's key
 * hash ({@code --ignore-certificate-errors-spki-list}). Tools from {@code web-clients/install.sh}; missing ones fail
 * in CI and skip elsewhere.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class WebSocketInChromiumTest {
    private static final String GREETER_ROUTE = "greeter";
    /** The greeter sessions of one run: two of JSON messages, three of improbable's client. */
    private static final int GREETER_SESSIONS = 5;
    /** The echo sessions of one run: text, binary, the Close, the backend's report of it. */
    private static final int ECHO_SESSIONS = 4;

    @TempDir
    static Path dir;
    static GreeterServer greeter;
    static WebSocketPeers.Backend echo;
    static PageDirectoryServer pages;
    static GatewayProcess gateway;
    static WebSocketBrowserRun browser;

    @BeforeAll
    static void start() throws Exception {
        WebClientTools.requireInstalled();
        WebSocketPeers.requireInstalled();
        greeter = new GreeterServer();
        echo = new WebSocketPeers.Backend("python");
        Path pageDir = Files.createDirectories(dir.resolve("page"));
        Files.copy(GreeterGatewayConfig.descriptorSet(dir), pageDir.resolve("descriptors.pb"));
        pages = new PageDirectoryServer(pageDir);
        gateway = GatewayProcess.start(List.of("-Xmx64m"), "run", "--config", writeConfig().toString());
        Map<String, String> origins = new LinkedHashMap<>();
        origins.put("h2", "https://127.0.0.1:" + gateway.port("h2"));
        origins.put("tls-http1", "https://127.0.0.1:" + gateway.port("h2-without-websockets"));
        origins.put("http1", "http://127.0.0.1:" + gateway.port("http"));
        browser = WebSocketBrowserRun.run(pageDir, dir.resolve("data/dev-ca.pem"), origins, dir);
    }

    private static Path writeConfig() throws IOException {
        Path config = dir.resolve("websocket-browser-gateway.yaml");
        Files.writeString(config, """
                dataDir: data
                accessLog: { file: access.log }
                reload: { watch: false }
                admin: { port: 0 }
                listeners:
                  - { name: h2, address: 127.0.0.1, port: 0, tls: {} }
                  - { name: h2-without-websockets, address: 127.0.0.1, port: 0, webSocketOverHttp2: false, tls: {} }
                  - { name: http, address: 127.0.0.1, port: 0, http2: false }
                upstreams:
                  pages: { endpoints: [ "http://127.0.0.1:%d" ] }
                  echo: { endpoints: [ "ws://127.0.0.1:%d" ] }
                  greeter: { endpoints: [ "h2c://127.0.0.1:%d" ] }
                routes:
                  - name: pages
                    match: { prefix: / }
                    backend: { upstream: pages }
                  - name: echo
                    match: { prefix: /echo }
                    translator: websocket
                    backend: { upstream: echo }
                  - name: events
                    match: { prefix: /events }
                    translator: websocket
                    backend: { upstream: echo, eventStream: {} }
                  - name: %s
                    match: { paths: [ "/demo.greeter.v1.Greeter/*", "/v1/greeter/**" ] }
                    translator: grpc
                    backend:
                      upstream: greeter
                      services: [ demo.greeter.v1.Greeter ]
                      schema: { descriptorSets: [ "polygate-services.pb" ] }
                """.formatted(pages.port(), echo.port, greeter.port(), GREETER_ROUTE));
        return config;
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (pages != null) {
            pages.close();
        }
        if (echo != null) {
            echo.close();
        }
        if (greeter != null) {
            greeter.close();
        }
    }

    // ---- how the sessions travelled, from the gateway's side ----

    @ParameterizedTest(name = "{0}: page over {1}")
    @CsvSource({"h2, h2", "tls-http1, h2", "http1, http/1.1"})
    void thePageComesFromTheGateway(String label, String protocol) {
        assertThat(browser.pageProtocol(label)).as(browser.raw()).isEqualTo(protocol);
    }

    @ParameterizedTest(name = "{0}: {2} {3} answered {4}, TLS {1}")
    @CsvSource({"h2, true, HTTP/2, CONNECT, 200", "tls-http1, true, HTTP/1.1, GET, 101",
            "http1, false, HTTP/1.1, GET, 101"})
    void everySessionTravelledAsTheListenerOffers(String label, boolean tls, String protocol, String method,
                                                  int status) throws Exception {
        Predicate<JsonNode> travelledSo = line -> line.path("tls").asBoolean() == tls
                && line.path("protocol").asText().equals(protocol) && line.path("method").asText().equals(method)
                && line.path("status").asInt() == status;
        List<JsonNode> echoes = awaitSessions(line -> line.path("path").asText().startsWith("/echo/" + label + "/"),
                ECHO_SESSIONS);
        assertThat(echoes).as("echo sessions of %s", label).hasSize(ECHO_SESSIONS).allMatch(travelledSo);
        assertThat(echoes).anyMatch(line -> line.path("path").asText().endsWith("/close")
                && line.path("websocket").path("closeCode").asInt() == 4001);
        // The greeter's paths carry no label: each run is the only one with its TLS and protocol.
        List<JsonNode> greeterSessions = awaitSessions(line -> line.path("route").asText().equals(GREETER_ROUTE)
                && line.path("tls").asBoolean() == tls && line.path("protocol").asText().equals(protocol),
                GREETER_SESSIONS);
        assertThat(greeterSessions).as("greeter sessions of %s", label).hasSize(GREETER_SESSIONS).allMatch(travelledSo);
        assertThat(greeterSessions).extracting(line -> line.path("path").asText()).contains(
                "/demo.greeter.v1.Greeter/SayHello", "/v1/greeter/chat", "/demo.greeter.v1.Greeter/StreamGreetings",
                "/demo.greeter.v1.Greeter/Chat");
    }

    @ParameterizedTest(name = "{0}: {2} {3}")
    @CsvSource({"h2, true, HTTP/2, CONNECT", "tls-http1, true, HTTP/1.1, GET", "http1, false, HTTP/1.1, GET"})
    void aHandshakeOnARouteWithoutWebSocketsIsRefusedAndTheNextSessionsAreServed(String label, boolean tls,
                                                                                 String protocol, String method)
            throws Exception {
        JsonNode result = browser.result(label, "refused-handshake");
        assertThat(result.path("opened").asBoolean()).as(result.toString()).isFalse();
        assertThat(result.path("close").path("code").asInt()).as(result.toString()).isEqualTo(1006);
        String path = "/index.html?websocket=" + label;
        List<JsonNode> refusals = awaitLines(line -> line.path("path").asText().equals(path), 1);
        assertThat(refusals).as("access-log lines of %s", path).singleElement().satisfies(line -> {
            assertThat(line.path("status").asInt()).isEqualTo(400);
            assertThat(line.path("route").asText()).isEqualTo("pages");
            assertThat(line.path("error").asText()).contains("does not accept WebSocket");
            assertThat(line.path("tls").asBoolean()).isEqualTo(tls);
            assertThat(line.path("protocol").asText()).isEqualTo(protocol);
            assertThat(line.path("method").asText()).isEqualTo(method);
        });
        // the cases that ran after it (on the same HTTP/2 connection, over h2) were served
        assertThat(browser.result(label, "echo-text").path("received").asText()).isEqualTo("héllo from Chromium ✓");
    }

    // ---- passthrough to the echo backend ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "tls-http1", "http1"})
    void textComesBackUnchanged(String label) {
        JsonNode result = browser.result(label, "echo-text");
        assertThat(result.path("error").isMissingNode()).as(result.toString()).isTrue();
        assertThat(result.path("received").asText()).isEqualTo(result.path("sent").asText())
                .isEqualTo("héllo from Chromium ✓");
        assertThat(result.path("close").path("code").asInt()).isEqualTo(1000);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "tls-http1", "http1"})
    void binaryComesBackUnchanged(String label) {
        JsonNode result = browser.result(label, "echo-binary");
        assertThat(result.path("error").isMissingNode()).as(result.toString()).isTrue();
        assertThat(result.path("receivedBytes").asInt()).as(result.toString()).isEqualTo(70_000);
        assertThat(result.path("equal").asBoolean()).as(result.toString()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "tls-http1", "http1"})
    void theBackendReceivesThePagesCloseCodeAndReason(String label) {
        JsonNode result = browser.result(label, "echo-close");
        assertThat(result.path("error").isMissingNode()).as(result.toString()).isTrue();
        assertThat(result.path("backendReceived").path("code").asInt()).as(result.toString()).isEqualTo(4001);
        assertThat(result.path("backendReceived").path("reason").asText()).isEqualTo("page says bye");
        // The backend's answering Close, relayed back: the page sees a clean close with its own code.
        assertThat(result.path("close").path("code").asInt()).isEqualTo(4001);
        assertThat(result.path("close").path("reason").asText()).isEqualTo("page says bye");
        assertThat(result.path("close").path("wasClean").asBoolean()).isTrue();
    }

    // ---- EventSource on the eventStream route ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "tls-http1", "http1"})
    void eventSourceFollowsAnEchoSessionUntilTheBackendsClose(String label) {
        JsonNode result = browser.result(label, "event-source");
        assertThat(result.path("error").isMissingNode()).as(result.toString()).isTrue();
        // 128 random bits, base64url without padding
        assertThat(result.path("session").asText()).as(result.toString()).matches("[A-Za-z0-9_-]{22}");
        List<String> received = new ArrayList<>();
        result.path("echoes").forEach(echo -> {
            assertThat(echo.path("status").asInt()).as(echo.toString()).isEqualTo(204);
            received.add(echo.path("received").asText());
        });
        assertThat(received).as(result.toString()).containsExactly("héllo from EventSource ✓",
                "first line\n  indented second\n\nafter an empty line\ndata: looks like a field\n"
                        + ": looks like a comment\nlast line\n");
        assertThat(result.path("closeStatus").asInt()).as(result.toString()).isEqualTo(204);
        assertThat(result.path("close").path("code").asInt()).as(result.toString()).isEqualTo(4002);
        assertThat(result.path("close").path("reason").asText()).isEqualTo("backend says bye");
        // the stream was open up to its last event, and closed by the page on it, with no error event on the way
        assertThat(result.path("readyStateAtClose").asInt()).as(result.toString()).isEqualTo(1);
        assertThat(result.path("readyStateAfter").asInt()).as(result.toString()).isEqualTo(2);
        assertThat(result.path("errors")).as(result.toString()).isEmpty();
    }

    @ParameterizedTest(name = "{0}: stream over {2}, TLS {1}")
    @CsvSource({"h2, true, HTTP/2", "tls-http1, true, HTTP/2", "http1, false, HTTP/1.1"})
    void theEventStreamAndItsPostsTravelledAsThePageDid(String label, boolean tls, String protocol) throws Exception {
        String feed = "/events/" + label + "/feed";
        List<JsonNode> streams = awaitLines(line -> line.path("path").asText().equals(feed), 1);
        assertThat(streams).as("the stream's access-log line").singleElement().satisfies(line -> {
            assertThat(line.path("method").asText()).isEqualTo("GET");
            assertThat(line.path("status").asInt()).isEqualTo(200);
            assertThat(line.path("route").asText()).isEqualTo("events");
            assertThat(line.path("tls").asBoolean()).isEqualTo(tls);
            assertThat(line.path("protocol").asText()).isEqualTo(protocol);
        });
        List<JsonNode> posts = awaitLines(line -> line.path("path").asText().startsWith(feed + "?session="), 3);
        assertThat(posts).as("the POSTs into the session").hasSize(3).allSatisfy(line -> {
            assertThat(line.path("method").asText()).isEqualTo("POST");
            assertThat(line.path("status").asInt()).isEqualTo(204);
            assertThat(line.path("protocol").asText()).isEqualTo(protocol);
        });
    }

    // ---- JSON messages to the Greeter ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "tls-http1", "http1"})
    void unaryCallsAnswerInOrderAndErrorsLeaveTheSessionOpen(String label) {
        JsonNode result = browser.result(label, "json-unary");
        assertThat(result.path("error").isMissingNode()).as(result.toString()).isTrue();
        JsonNode answers = result.path("answers");
        assertThat(answers.path(0).path("message").asText()).as(result.toString()).isEqualTo("Hello, Chromium!");
        assertThat(answers.path(1).path("error").path("code").asInt()).as(result.toString()).isEqualTo(3);
        assertThat(answers.path(1).path("error").path("message").asText()).isEqualTo(GreeterServer.EMPTY_NAME);
        assertThat(answers.path(2).path("error").path("code").asInt()).as(result.toString()).isEqualTo(3);
        assertThat(answers.path(3).path("message").asText()).isEqualTo("Hello, again!");
        assertThat(result.path("close").path("code").asInt()).isEqualTo(1000);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "tls-http1", "http1"})
    void theBidirectionalChatOnItsRestPath(String label) {
        JsonNode result = browser.result(label, "json-chat");
        assertThat(result.path("error").isMissingNode()).as(result.toString()).isTrue();
        assertThat(numbered(result.path("replies"))).containsExactly("re: one #1", "re: two #2", "re: three #3");
        assertThat(result.path("close").path("code").asInt()).isEqualTo(1000);
    }

    // ---- improbable-eng's gRPC-Web client with its WebsocketTransport ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "tls-http1", "http1"})
    void improbableUnary(String label) {
        JsonNode result = browser.result(label, "improbable-unary");
        assertThat(result.path("code").asInt()).as(result.toString()).isZero();
        assertThat(numbered(result.path("messages"))).containsExactly("Hello, Chromium! #0");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "tls-http1", "http1"})
    void improbableServerStreaming(String label) {
        JsonNode result = browser.result(label, "improbable-server-streaming");
        assertThat(result.path("code").asInt()).as(result.toString()).isZero();
        assertThat(numbered(result.path("messages"))).containsExactly(
                "Hello #1, Chromium! #1", "Hello #2, Chromium! #2", "Hello #3, Chromium! #3");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "tls-http1", "http1"})
    void improbableBidirectionalStreamingInterleaves(String label) {
        JsonNode result = browser.result(label, "improbable-bidi");
        assertThat(result.path("code").asInt()).as(result.toString()).isZero();
        // each request was sent only after the reply to the one before had arrived
        assertThat(numbered(result.path("messages"))).containsExactly("re: one #1", "re: two #2", "re: three #3");
    }

    @Test
    void onTheHttp2OriginImprobablesBidiCallWasAnHttp2Stream() throws Exception {
        List<JsonNode> chats = awaitSessions(line -> line.path("path").asText().equals("/demo.greeter.v1.Greeter/Chat")
                && line.path("tls").asBoolean(), 2);
        assertThat(chats).extracting(line -> line.path("protocol").asText() + " " + line.path("status").asInt())
                .containsExactlyInAnyOrder("HTTP/2 200", "HTTP/1.1 101");
    }

    /** Each reply as {@code "message #sequence"}. */
    private static List<String> numbered(JsonNode replies) {
        List<String> numbered = new ArrayList<>();
        replies.forEach(r -> numbered.add(r.path("message").asText() + " #" + r.path("sequence").asInt()));
        return numbered;
    }

    /** The access log's WebSocket session lines matching {@code which}: see {@link #awaitLines}. */
    private static List<JsonNode> awaitSessions(Predicate<JsonNode> which, int expected) throws Exception {
        return awaitLines(line -> line.has("websocket") && which.test(line), expected);
    }

    /**
     * The access log's lines matching {@code which}, once there are {@code expected} of them (the log is written off
     * the event loop) or after 10 s.
     */
    private static List<JsonNode> awaitLines(Predicate<JsonNode> which, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<JsonNode> lines;
        do {
            lines = accessLogLines().stream().filter(which).toList();
            if (lines.size() >= expected) {
                return lines;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        } while (System.nanoTime() < deadline);
        return lines;
    }

    private static List<JsonNode> accessLogLines() throws IOException {
        Path log = dir.resolve("access.log");
        if (!Files.exists(log)) {
            return List.of();
        }
        ObjectMapper json = new ObjectMapper();
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream().map(text -> {
            try {
                return json.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON access-log line: " + text, e);
            }
        }).toList();
    }
}
