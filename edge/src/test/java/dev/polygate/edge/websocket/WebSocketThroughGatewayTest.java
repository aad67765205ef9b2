package dev.polygate.edge.websocket;

import static dev.polygate.edge.websocket.RawWebSocket.BINARY;
import static dev.polygate.edge.websocket.RawWebSocket.CLOSE;
import static dev.polygate.edge.websocket.RawWebSocket.CONTINUATION;
import static dev.polygate.edge.websocket.RawWebSocket.PING;
import static dev.polygate.edge.websocket.RawWebSocket.PONG;
import static dev.polygate.edge.websocket.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.edge.testing.RunningGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebSocket sessions through the gateway's edge and the websocket passthrough translator to a Netty echo backend:
 * frames both ways without reassembly, pings, close codes end to end, the backend's subprotocol and forwarded
 * headers; and the edge's protocol checks with a raw client (each followed by a good session on a new connection).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketThroughGatewayTest {
    @TempDir
    static Path dir;
    static WebSocketGateway setup;
    static EchoWebSocketBackend backend;
    static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        setup = new WebSocketGateway(dir, """
                routes:
                  - name: ws
                    match: { prefix: /ws }
                    translator: websocket
                    websocket: { maxFrameSize: 1KiB, maxMessageSize: 4KiB }
                    backend: { upstream: echo, allowedOrigins: [ "https://app.example.com" ] }
                  - name: plain
                    match: { prefix: /plain }
                    translator: test-echo
                    backend: {}
                """);
        backend = setup.backend;
        gateway = setup.gateway;
    }

    @AfterAll
    static void stop() {
        if (setup != null) {
            setup.close();
        }
    }

    private static int port() {
        return gateway.httpPort();
    }

    @Test
    void framesTravelBothWaysAsFramesWithFragmentsAndPings() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(port(), "/ws/echo?x=1", "Sec-WebSocket-Protocol: superchat, chat\r\n")) {
            assertThat(ws.status()).as(ws.responseHead()).isEqualTo(101);
            assertThat(ws.responseHead().toLowerCase()).contains("sec-websocket-protocol: superchat");
            ws.sendText("hello");
            assertThat(ws.read()).satisfies(f -> {
                assertThat(f.opcode()).isEqualTo(TEXT);
                assertThat(f.text()).isEqualTo("hello");
            });
            // a fragmented text message with a ping between its fragments: fragments come back as fragments
            ws.send(TEXT, false, "héllo ".getBytes(StandardCharsets.UTF_8));
            ws.send(PING, true, "p1".getBytes(StandardCharsets.UTF_8));
            ws.send(CONTINUATION, true, "wörld".getBytes(StandardCharsets.UTF_8));
            RawWebSocket.Frame first = ws.read();
            assertThat(first.opcode()).isEqualTo(TEXT);
            assertThat(first.fin()).isFalse();
            assertThat(first.text()).isEqualTo("héllo ");
            RawWebSocket.Frame pong = ws.read();
            assertThat(pong.opcode()).isEqualTo(PONG);
            assertThat(pong.text()).isEqualTo("p1");
            RawWebSocket.Frame last = ws.read();
            assertThat(last.opcode()).isEqualTo(CONTINUATION);
            assertThat(last.fin()).isTrue();
            assertThat(last.text()).isEqualTo("wörld");
            ws.send(BINARY, true, new byte[]{0, 1, 2, (byte) 255});
            assertThat(ws.read().payload()).containsExactly(0, 1, 2, 255);
            ws.sendClose(4001, "done here");
            RawWebSocket.Frame close = ws.readClose();
            assertThat(close.closeCode()).isEqualTo(4001);
            assertThat(close.closeReason()).isEqualTo("done here");
            assertThat(ws.closedByServer()).isTrue();
        }
        assertThat(backend.lastHandshake.get("host")).isEqualTo("127.0.0.1:" + backend.port());
        assertThat(backend.lastHandshake.get("x-forwarded-proto")).isEqualTo("http");
        assertThat(backend.lastHandshake.get("x-forwarded-for")).isEqualTo("127.0.0.1");
    }

    @Test
    void aJdkClientTalksThroughTheGateway() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("chat")
                .buildAsync(URI.create("ws://127.0.0.1:" + port() + "/ws/jdk"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        reply.complete(data.toString());
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        assertThat(ws.getSubprotocol()).isEqualTo("chat");
        ws.sendText("from the jdk", true);
        assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("from the jdk");
        ws.sendClose(1000, "bye").get(10, TimeUnit.SECONDS);
        assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    @Test
    void aBackendThatDiesMidSessionClosesTheClientWith1011() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(port(), "/ws/", "")) {
            ws.sendText("die");
            RawWebSocket.Frame close = ws.readClose();
            assertThat(close.closeCode()).isEqualTo(1011);
            ws.sendClose(1011, "");
            assertThat(ws.closedByServer()).isTrue();
        }
        assertServesAgain();
    }

    @Test
    void unmaskedFramesReservedBitsAndUnknownOpcodesAreProtocolErrors() throws Exception {
        assertFailsWith(1002, ws -> ws.send(TEXT, true, 0, false, "unmasked".getBytes(StandardCharsets.UTF_8)));
        assertFailsWith(1002, ws -> ws.send(TEXT, true, 4, true, "rsv1".getBytes(StandardCharsets.UTF_8)));
        assertFailsWith(1002, ws -> ws.send(3, true, new byte[1]));
        assertFailsWith(1002, ws -> ws.send(CONTINUATION, true, new byte[1]));
        assertFailsWith(1002, ws -> ws.send(PING, false, new byte[1]));
        assertFailsWith(1002, ws -> ws.send(PING, true, new byte[126]));
        assertFailsWith(1002, ws -> {
            ws.send(TEXT, false, new byte[]{'a'});
            ws.send(TEXT, true, new byte[]{'b'});
        });
    }

    @Test
    void invalidUtf8IsRefusedWith1007AlsoWhenSplitAcrossFragments() throws Exception {
        assertFailsWith(1007, ws -> ws.send(TEXT, true, new byte[]{(byte) 0xC0, (byte) 0xAF}));
        // "€" is E2 82 AC: the first fragment ends inside the character, the second breaks it
        assertFailsWith(1007, ws -> {
            ws.send(TEXT, false, new byte[]{'a', (byte) 0xE2, (byte) 0x82});
            ws.send(CONTINUATION, true, new byte[]{(byte) 0x41});
        });
        // the same split, completed correctly, is fine
        try (RawWebSocket ws = RawWebSocket.connect(port(), "/ws/", "")) {
            ws.send(TEXT, false, new byte[]{'a', (byte) 0xE2, (byte) 0x82});
            ws.send(CONTINUATION, true, new byte[]{(byte) 0xAC});
            assertThat(ws.read().payload()).containsExactly('a', 0xE2, 0x82);
            assertThat(ws.read().payload()).containsExactly(0xAC);
        }
    }

    @Test
    void framesAndMessagesOverTheRoutesLimitsAre1009() throws Exception {
        assertFailsWith(1009, ws -> ws.send(BINARY, true, new byte[2048]));
        assertFailsWith(1009, ws -> {
            for (int i = 0; i < 5; i++) {
                ws.send(i == 0 ? BINARY : CONTINUATION, i == 4, new byte[1000]);
            }
        });
    }

    @Test
    void malformedHandshakesAreRefusedClearly() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(port(), "GET /ws/ HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n", 0)) {
            assertThat(ws.status()).isEqualTo(400);
            assertThat(ws.body()).contains("Sec-WebSocket-Key");
        }
        try (RawWebSocket ws = RawWebSocket.open(port(), RawWebSocket.handshake("/ws/", "")
                .replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8"), 0)) {
            assertThat(ws.status()).isEqualTo(426);
            assertThat(ws.responseHead()).containsIgnoringCase("sec-websocket-version: 13");
        }
        try (RawWebSocket ws = RawWebSocket.connect(port(), "/plain/x", "")) {
            assertThat(ws.status()).isEqualTo(400);
            assertThat(ws.body()).contains("route 'plain' does not accept WebSocket");
        }
        try (RawWebSocket ws = RawWebSocket.connect(port(), "/ws/", "Origin: https://evil.example\r\n")) {
            assertThat(ws.status()).isEqualTo(403);
        }
        try (RawWebSocket ws = RawWebSocket.connect(port(), "/ws/", "Origin: https://app.example.com\r\n")) {
            assertThat(ws.status()).isEqualTo(101);
        }
        assertServesAgain();
    }

    interface Misbehaviour {
        void on(RawWebSocket ws) throws Exception;
    }

    private static void assertFailsWith(int code, Misbehaviour misbehaviour) throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(port(), "/ws/", "")) {
            assertThat(ws.status()).isEqualTo(101);
            misbehaviour.on(ws);
            RawWebSocket.Frame close = ws.readClose();
            assertThat(close.opcode()).isEqualTo(CLOSE);
            assertThat(close.closeCode()).as(close.closeReason()).isEqualTo(code);
            assertThat(ws.closedByServer()).isTrue();
        }
        assertServesAgain();
    }

    static void assertServesAgain() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(port(), "/ws/", "")) {
            ws.sendText("again");
            assertThat(ws.read().text()).isEqualTo("again");
        }
    }
}
