package dev.polygate.edge.websocket;

import static dev.polygate.edge.websocket.RawWebSocket.BINARY;
import static dev.polygate.edge.websocket.RawWebSocket.CLOSE;
import static dev.polygate.edge.websocket.RawWebSocket.PING;
import static dev.polygate.edge.websocket.RawWebSocket.PONG;
import static dev.polygate.edge.websocket.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polygate.edge.config.ConfigLoader;
import dev.polygate.edge.server.GatewayServer;
import dev.polygate.edge.testing.RunningGateway;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session's life at the edge: its access-log line (duration, frames and payload bytes each way, close code; an
 * HTTP/2 session's path and protocol), the route's idle timeout (1001) and keep-alive pings (a client answering them
 * stays), and graceful shutdown (open sessions are closed with 1001, and the gateway stops once the clients answered).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketSessionLifecycleTest {
    @TempDir
    Path dir;
    EchoWebSocketBackend backend;
    RunningGateway gateway;
    Path accessLog;

    @BeforeEach
    void start() throws Exception {
        backend = new EchoWebSocketBackend();
        accessLog = dir.resolve("access.log");
        gateway = RunningGateway.of(GatewayServer.start(ConfigLoader.parse("""
                dataDir: %s
                accessLog: { file: "%s" }
                reload: { watch: false }
                drainTimeout: 10s
                admin: { enabled: false }
                listeners:
                  - { name: http, address: 127.0.0.1, port: 0 }
                upstreams:
                  echo: { endpoints: [ "ws://127.0.0.1:%d" ] }
                routes:
                  - { name: ws, match: { prefix: /ws }, translator: websocket, backend: { upstream: echo } }
                  - name: idle
                    match: { prefix: /idle }
                    translator: websocket
                    websocket: { idleTimeout: 400ms }
                    backend: { upstream: echo }
                  - name: ping
                    match: { prefix: /ping }
                    translator: websocket
                    websocket: { idleTimeout: 600ms, pingInterval: 100ms }
                    backend: { upstream: echo }
                """.formatted(dir, accessLog, backend.port()), null, dir)));
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        backend.close();
    }

    @Test
    void theAccessLogLineCountsFramesAndBytesEachWayAndTheCloseCode() throws Exception {
        long started = System.nanoTime();
        try (RawWebSocket ws = RawWebSocket.connect(gateway.httpPort(), "/ws/logged", "")) {
            ws.sendText("hello");                              // 5 bytes in, 5 out
            assertThat(ws.read().text()).isEqualTo("hello");
            ws.send(BINARY, true, new byte[1000]);             // 1000 in, 1000 out
            assertThat(ws.read().payload()).hasSize(1000);
            ws.send(PING, true, "ping".getBytes(StandardCharsets.UTF_8)); // 4 in, the pong's 4 out
            assertThat(ws.read().opcode()).isEqualTo(PONG);
            ws.sendClose(4321, "done");                        // 6 in, the echoed Close's 6 out
            assertThat(ws.read().closeCode()).isEqualTo(4321);
            assertThat(ws.closedByServer()).isTrue();
        }
        double elapsedMs = (System.nanoTime() - started) / 1e6;
        JsonNode line = awaitLogLine("/ws/logged");
        assertThat(line.get("status").asInt()).isEqualTo(101);
        assertThat(line.get("route").asText()).isEqualTo("ws");
        assertThat(line.get("upstream").asText()).isEqualTo("127.0.0.1:" + backend.port());
        JsonNode ws = line.get("websocket");
        assertThat(ws.get("framesIn").asLong()).isEqualTo(4);
        assertThat(ws.get("framesOut").asLong()).isEqualTo(4);
        assertThat(ws.get("bytesIn").asLong()).isEqualTo(5 + 1000 + 4 + 6);
        assertThat(ws.get("bytesOut").asLong()).isEqualTo(5 + 1000 + 4 + 6);
        assertThat(ws.get("closeCode").asInt()).isEqualTo(4321);
        assertThat(line.get("durationMs").asDouble()).isPositive().isLessThanOrEqualTo(elapsedMs);
    }

    @Test
    void anHttp2SessionsLineNamesItsPathAndProtocol() throws Exception {
        try (ExtendedConnectClient client = new ExtendedConnectClient(gateway.httpPort())) {
            ExtendedConnectClient.Stream stream = client.open("/ws/over-h2?room=7");
            assertThat(stream.status()).isEqualTo("200");
            stream.send(RawWebSocket.encode(CLOSE, true, 0, true, new byte[]{0x0F, (byte) 0xA1})); // 4001
            assertThat(stream.read().closeCode()).isEqualTo(4001);
        }
        // The extended CONNECT's :path, not its :authority (the target Netty gives a CONNECT)
        JsonNode line = awaitLogLine("/ws/over-h2?room=7");
        assertThat(line.get("protocol").asText()).isEqualTo("HTTP/2");
        assertThat(line.get("method").asText()).isEqualTo("CONNECT");
        assertThat(line.get("status").asInt()).isEqualTo(200);
        assertThat(line.get("route").asText()).isEqualTo("ws");
        assertThat(line.get("websocket").get("closeCode").asInt()).isEqualTo(4001);
    }

    @Test
    void anIdleSessionIsClosedWith1001AndLoggedSo() throws Exception {
        long started = System.nanoTime();
        try (RawWebSocket ws = RawWebSocket.connect(gateway.httpPort(), "/idle/", "")) {
            ws.sendText("then nothing");
            assertThat(ws.read().text()).isEqualTo("then nothing");
            RawWebSocket.Frame close = ws.read(); // blocks until the gateway gives up on the session
            assertThat(close.opcode()).isEqualTo(CLOSE);
            assertThat(close.closeCode()).isEqualTo(1001);
            assertThat(close.closeReason()).isEqualTo("idle timeout");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(400);
            ws.sendClose(1001, "");
            assertThat(ws.closedByServer()).isTrue();
        }
        assertThat(awaitLogLine("/idle/").get("websocket").get("closeCode").asInt()).isEqualTo(1001);
    }

    @Test
    void keepAlivePingsReachTheClientAndAClientAnsweringThemStaysOpen() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(gateway.httpPort(), "/ping/", "")) {
            long started = System.nanoTime();
            int pings = 0;
            // Far longer than the idle timeout: only the pongs keep the session alive.
            while (System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(1500)) {
                RawWebSocket.Frame frame = ws.read();
                assertThat(frame.opcode()).as("a keep-alive ping, not %s", frame).isEqualTo(PING);
                ws.send(PONG, true, frame.payload());
                pings++;
            }
            assertThat(pings).isGreaterThanOrEqualTo(5);
            ws.sendText("still open");
            RawWebSocket.Frame frame;
            while ((frame = ws.read()).opcode() == PING) {
                ws.send(PONG, true, frame.payload());
            }
            assertThat(frame.opcode()).isEqualTo(TEXT);
            assertThat(frame.text()).isEqualTo("still open");
        }
        // A client that does not answer is closed when the idle timeout runs out.
        try (RawWebSocket ws = RawWebSocket.connect(gateway.httpPort(), "/ping/", "")) {
            RawWebSocket.Frame frame;
            while ((frame = ws.read()).opcode() == PING) {
                // not answered
            }
            assertThat(frame.opcode()).isEqualTo(CLOSE);
            assertThat(frame.closeCode()).isEqualTo(1001);
        }
    }

    @Test
    void gracefulShutdownClosesOpenSessionsWith1001() throws Exception {
        RawWebSocket first = RawWebSocket.connect(gateway.httpPort(), "/ws/a", "");
        RawWebSocket second = RawWebSocket.connect(gateway.httpPort(), "/ws/b", "");
        try (first; second) {
            first.sendText("open");
            assertThat(first.read().text()).isEqualTo("open");
            second.sendText("open");
            assertThat(second.read().text()).isEqualTo("open");
            RunningGateway stopping = gateway;
            gateway = null;
            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(stopping::close);
            for (RawWebSocket ws : new RawWebSocket[]{first, second}) {
                RawWebSocket.Frame close = ws.readClose();
                assertThat(close.closeCode()).isEqualTo(1001);
                assertThat(close.closeReason()).isEqualTo("the gateway is shutting down");
                ws.sendClose(1001, "");
                assertThat(ws.closedByServer()).isTrue();
            }
            shutdown.get(10, TimeUnit.SECONDS);
        }
    }

    /** The access log is written off the event loop: poll it (bounded) for the line of {@code path}. */
    private JsonNode awaitLogLine(String path) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.exists(accessLog)) {
                for (String text : Files.readAllLines(accessLog, StandardCharsets.UTF_8)) {
                    JsonNode line = new ObjectMapper().readTree(text);
                    if (line.get("path").asText().equals(path)) {
                        return line;
                    }
                }
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new AssertionError("no access-log line for " + path + " in " + accessLog);
    }
}
