package dev.polygate.edge.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How sessions to an HTTP/2 backend ({@code http2: true}, Jetty 12 over h2c) end when one side goes away mid-session:
 * the backend resetting the session's stream (RST_STREAM) closes the client with 1011; the backend closing its
 * connection after a GOAWAY with NO_ERROR closes it with 1001 (going away), while a GOAWAY that leaves the stream
 * open lets the session go on; Jetty stopping gracefully sends its own
 * 1001; each time the gateway goes on serving. The client leaving, with a Close or without, ends the stream and the
 * HTTP/2 connection, and Jetty sees the client's code, or 1001 for a client that vanished.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketToHttp2SessionEndTest {
    @TempDir
    static Path dir;
    static JettyHttp2WebSocketBackend jetty;
    static JettyHttp2WebSocketBackend stopping;
    static WebSocketGateway setup;

    @BeforeAll
    static void start() throws Exception {
        jetty = new JettyHttp2WebSocketBackend(true);
        stopping = new JettyHttp2WebSocketBackend(true);
        setup = new WebSocketGateway(dir, """
                  jetty: { endpoints: [ "ws://127.0.0.1:%d" ] }
                  stopping: { endpoints: [ "ws://127.0.0.1:%d" ] }
                """.formatted(jetty.port(), stopping.port()), """
                routes:
                  - { name: h2, match: { prefix: /h2 }, translator: websocket, backend: { upstream: jetty, http2: true } }
                  - { name: stop, match: { prefix: /stop }, translator: websocket, backend: { upstream: stopping, http2: true } }
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
        if (stopping != null) {
            stopping.close();
        }
    }

    @BeforeEach
    void noSessionLeft() throws Exception {
        jetty.awaitConnectionsAtMost(0);
        jetty.closesReceived.clear();
        jetty.opened.clear();
    }

    @Test
    void aBackendResettingTheStreamClosesTheClientWith1011() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(setup.port(), "/h2/echo", "")) {
            assertThat(ws.status()).isEqualTo(101);
            ws.sendText("reset");
            RawWebSocket.Frame close = ws.readClose();
            assertThat(close.closeCode()).isEqualTo(1011);
            assertThat(close.closeReason()).isEqualTo("the backend connection was lost");
        }
        setup.assertServes("/h2/again");
    }

    @Test
    void aBackendClosingItsConnectionWithAGracefulGoAwayClosesTheClientWith1001() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(setup.port(), "/h2/echo", "")) {
            assertThat(ws.status()).isEqualTo(101);
            ws.sendText("goaway");
            RawWebSocket.Frame close = ws.readClose();
            assertThat(close.closeCode()).isEqualTo(1001);
            assertThat(close.closeReason()).isEqualTo("the backend is going away");
        }
        setup.assertServes("/h2/again");
    }

    @Test
    void aGracefulGoAwayThatLeavesTheStreamOpenLetsTheSessionGoOn() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(setup.port(), "/h2/echo", "")) {
            assertThat(ws.status()).isEqualTo(101);
            ws.sendText("shutdown");
            ws.sendText("still there");
            assertThat(ws.readMessage().text()).isEqualTo("still there");
            ws.sendClose(1000, "");
            assertThat(ws.readClose().closeCode()).isEqualTo(1000);
        }
        assertThat(jetty.closesReceived.poll(10, TimeUnit.SECONDS)).startsWith("1000 ");
        jetty.awaitConnectionsAtMost(0);
        setup.assertServes("/h2/again");
    }

    @Test
    void aBackendStoppingGracefullyClosesItsSessionsWith1001AndTheGatewayKeepsServing() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(setup.port(), "/stop/echo", "")) {
            assertThat(ws.status()).isEqualTo(101);
            ws.sendText("before");
            assertThat(ws.readMessage().text()).isEqualTo("before");
            stopping.close();
            assertThat(ws.readClose().closeCode()).isEqualTo(1001);
        }
        try (RawWebSocket ws = RawWebSocket.connect(setup.port(), "/stop/echo", "")) {
            assertThat(ws.status()).as("a stopped backend").isEqualTo(503);
        }
        setup.assertServes("/h2/again");
    }

    @Test
    void aClientClosingEndsTheStreamAndTheConnectionWithItsCode() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(setup.port(), "/h2/echo", "")) {
            ws.sendText("hello");
            assertThat(ws.readMessage().text()).isEqualTo("hello");
            assertThat(jetty.connections()).isEqualTo(1);
            ws.sendClose(4003, "bye");
            assertThat(ws.readClose().closeCode()).isEqualTo(4003);
        }
        assertThat(jetty.closesReceived.poll(10, TimeUnit.SECONDS)).isEqualTo("4003 bye");
        jetty.awaitConnectionsAtMost(0);
    }

    @Test
    void aClientVanishingEndsTheStreamAndTheConnectionWith1001() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(setup.port(), "/h2/echo", "")) {
            ws.sendText("hello");
            assertThat(ws.readMessage().text()).isEqualTo("hello");
            assertThat(jetty.connections()).isEqualTo(1);
        } // the socket closes without a Close frame
        assertThat(jetty.closesReceived.poll(10, TimeUnit.SECONDS)).startsWith("1001 ");
        jetty.awaitConnectionsAtMost(0);
    }
}
