package dev.polygate.edge.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code http2: true}: the websocket translator reaches an HTTP/2-only backend (Jetty 12's WebSocket server on an h2c
 * connector) by RFC 8441 extended CONNECT, for HTTP/1.1 upgrade clients and HTTP/2 extended CONNECT clients of the
 * gateway alike: text and binary echoed, close codes both ways, a backend without the setting refused with 502, a
 * backend dropping the session closing the client with 1011.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketToHttp2BackendTest {
    @TempDir
    static Path dir;
    static JettyHttp2WebSocketBackend jetty;
    static JettyHttp2WebSocketBackend plainH2;
    static WebSocketGateway setup;

    @BeforeAll
    static void start() throws Exception {
        jetty = new JettyHttp2WebSocketBackend(true);
        plainH2 = new JettyHttp2WebSocketBackend(false);
        setup = new WebSocketGateway(dir, """
                  jetty: { endpoints: [ "ws://127.0.0.1:%d" ] }
                  plain: { endpoints: [ "ws://127.0.0.1:%d" ] }
                """.formatted(jetty.port(), plainH2.port()), """
                routes:
                  - { name: h2, match: { prefix: /h2 }, translator: websocket, backend: { upstream: jetty, http2: true } }
                  - { name: plain, match: { prefix: /plain }, translator: websocket, backend: { upstream: plain, http2: true } }
                  - { name: h1, match: { prefix: /h1 }, translator: websocket, backend: { upstream: jetty } }
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        if (setup != null) {
            setup.close();
        }
        if (jetty != null) {
            jetty.close();
        }
        if (plainH2 != null) {
            plainH2.close();
        }
    }

    @Test
    void anHttp11ClientReachesTheHttp2BackendWithTextBinaryAndCloseCodes() throws Exception {
        jetty.closesReceived.clear();
        try (RawWebSocket ws = RawWebSocket.connect(setup.port(), "/h2/echo", "")) {
            assertThat(ws.status()).as(() -> ws.responseHead() + body(ws)).isEqualTo(101);
            ws.sendText("über h2");
            assertThat(ws.readMessage().text()).isEqualTo("über h2");
            byte[] big = new byte[200_000];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) i;
            }
            ws.send(RawWebSocket.BINARY, true, big);
            assertThat(ws.readMessage().payload()).isEqualTo(big);
            ws.sendClose(4001, "client done");
            RawWebSocket.Frame close = ws.readClose();
            assertThat(close.closeCode()).isEqualTo(4001);
            assertThat(ws.closedByServer()).isTrue();
        }
        assertThat(jetty.closesReceived.poll(10, TimeUnit.SECONDS)).isEqualTo("4001 client done");
    }

    @Test
    void anHttp2ClientReachesTheHttp2BackendAndTheBackendsCloseCodeComesBack() throws Exception {
        try (ExtendedConnectClient client = new ExtendedConnectClient(setup.port())) {
            assertThat(client.connectProtocolSetting.get(10, TimeUnit.SECONDS)).isTrue();
            ExtendedConnectClient.Stream stream = client.open("/h2/echo");
            assertThat(stream.status()).isEqualTo("200");
            stream.send(RawWebSocket.encode(RawWebSocket.TEXT, true, 0, true, "hello".getBytes(StandardCharsets.UTF_8)));
            assertThat(stream.read().text()).isEqualTo("hello");
            stream.send(RawWebSocket.encode(RawWebSocket.BINARY, true, 0, true, new byte[]{1, 2, 3}));
            assertThat(stream.read().payload()).containsExactly(1, 2, 3);
            stream.send(RawWebSocket.encode(RawWebSocket.TEXT, true, 0, true, "close 4002 server done".getBytes(StandardCharsets.UTF_8)));
            RawWebSocket.Frame close = stream.read();
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(4002);
            assertThat(close.closeReason()).isEqualTo("server done");
        }
    }

    @Test
    void aBackendWithoutExtendedConnectIs502() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(setup.port(), "/plain/echo", "")) {
            assertThat(ws.status()).as(ws.responseHead()).isEqualTo(502);
            assertThat(ws.body()).contains("upstream 'plain' does not take WebSockets over HTTP/2: its HTTP/2 SETTINGS do "
                    + "not enable extended CONNECT (SETTINGS_ENABLE_CONNECT_PROTOCOL, RFC 8441)").doesNotContain("127.0.0.1");
        }
        // the same HTTP/2-only backend through the HTTP/1.1 upgrade: it cannot answer that either
        try (RawWebSocket ws = RawWebSocket.connect(setup.port(), "/h1/echo", "")) {
            assertThat(ws.status()).as(ws.responseHead()).isIn(502, 503);
        }
        setup.assertServes("/h2/again");
    }

    @Test
    void aBackendDroppingTheSessionClosesTheClientWith1011() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(setup.port(), "/h2/echo", "")) {
            assertThat(ws.status()).isEqualTo(101);
            ws.sendText("die");
            RawWebSocket.Frame close = ws.readClose();
            assertThat(close.closeCode()).isEqualTo(1011);
        }
        setup.assertServes("/h2/again");
    }

    private static String body(RawWebSocket ws) {
        try {
            return ws.body();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
