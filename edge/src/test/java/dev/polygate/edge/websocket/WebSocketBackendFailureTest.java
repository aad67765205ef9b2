package dev.polygate.edge.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backends that fail a WebSocket session, each answered in the gateway's error vocabulary: a refused handshake
 * (502 UPSTREAM_PROTOCOL), a backend nobody listens on (503 UPSTREAM_UNAVAILABLE, as the http translator says it),
 * a backend too slow to answer the handshake (504 UPSTREAM_TIMEOUT, from the translator's handshake timeout or the
 * edge's), and a backend sending frames a server may not send (the client is closed with 1014 Bad Gateway); each
 * answer is problem+json naming the upstream, never its address, and the gateway serves the next session.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketBackendFailureTest {
    @TempDir
    static Path dir;
    static ScriptedWebSocketBackend scripted;
    static WebSocketGateway setup;

    @BeforeAll
    static void start() throws Exception {
        scripted = new ScriptedWebSocketBackend();
        int refused;
        try (ServerSocket closed = new ServerSocket(0)) {
            refused = closed.getLocalPort();
        }
        setup = new WebSocketGateway(dir, """
                  scripted: { endpoints: [ "ws://127.0.0.1:%d" ] }
                  nobody: { endpoints: [ "ws://127.0.0.1:%d" ] }
                """.formatted(scripted.port(), refused), """
                routes:
                  - { name: status, match: { prefix: /status }, translator: websocket, backend: { upstream: scripted } }
                  - { name: bad, match: { prefix: /bad }, translator: websocket, backend: { upstream: scripted } }
                  - { name: nobody, match: { prefix: /nobody }, translator: websocket, backend: { upstream: nobody } }
                  - name: slow-backend
                    match: { prefix: /silent }
                    translator: websocket
                    backend: { upstream: scripted, handshakeTimeout: 400ms }
                  - name: slow-translator
                    match: { prefix: /edge-silent }
                    translator: websocket
                    websocket: { handshakeTimeout: 400ms }
                    backend: { upstream: scripted, handshakeTimeout: 30s }
                  - { name: ws, match: { prefix: /ws }, translator: websocket, backend: { upstream: echo } }
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        if (setup != null) {
            setup.close();
        }
        if (scripted != null) {
            scripted.close();
        }
    }

    @Test
    void aBackendRefusingTheHandshakeIs502() throws Exception {
        for (int status : new int[]{403, 404}) {
            assertRefused("/status/" + status, 502, "upstream 'scripted' refused the WebSocket handshake with status "
                    + status);
        }
    }

    @Test
    void aBackendNobodyListensOnIs503() throws Exception {
        assertRefused("/nobody/", 503, "upstream 'nobody' is unavailable");
    }

    @Test
    void aBackendTooSlowForTheTranslatorsHandshakeTimeoutIs504() throws Exception {
        assertRefused("/silent/", 504, "upstream 'scripted' did not complete the WebSocket handshake in time");
    }

    @Test
    void aTranslatorTooSlowForTheEdgesHandshakeTimeoutIs504() throws Exception {
        assertRefused("/edge-silent/", 504, "the WebSocket handshake was not completed within 400 ms");
    }

    @Test
    void aBackendSendingAMaskedFrameOrReservedBitsClosesTheClientWith1014() throws Exception {
        for (String path : new String[]{"/bad/masked", "/bad/rsv"}) {
            try (RawWebSocket ws = RawWebSocket.connect(setup.port(), path, "")) {
                assertThat(ws.status()).as(ws.responseHead()).isEqualTo(101);
                RawWebSocket.Frame close = ws.read();
                assertThat(close.opcode()).as("no frame of the backend's reaches the client").isEqualTo(RawWebSocket.CLOSE);
                assertThat(close.closeCode()).isEqualTo(1014);
                assertThat(close.closeReason()).isEqualTo("invalid frames from the backend");
                ws.sendClose(1014, "");
                assertThat(ws.closedByServer()).isTrue();
            }
        }
        assertServesAgain();
    }

    private static void assertRefused(String path, int status, String detail) throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(setup.port(), path, "")) {
            assertThat(ws.status()).as(ws.responseHead()).isEqualTo(status);
            assertThat(ws.responseHead()).containsIgnoringCase("content-type: application/problem+json");
            String body = ws.body();
            assertThat(body).contains("\"status\":" + status).contains(detail).doesNotContain("127.0.0.1")
                    .doesNotContain("Exception");
        }
        assertServesAgain();
    }

    private static void assertServesAgain() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(setup.port(), "/ws/", "")) {
            ws.sendText("again");
            assertThat(ws.readMessage().text()).isEqualTo("again");
        }
    }
}
