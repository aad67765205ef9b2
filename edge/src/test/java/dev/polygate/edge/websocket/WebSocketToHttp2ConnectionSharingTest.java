package dev.polygate.edge.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions to an HTTP/2 backend ({@code http2: true}, Jetty 12 over h2c) share a connection, each a stream: the
 * sessions of one client connection (one event loop of the gateway) reach the backend over one connection while the
 * server's SETTINGS_MAX_CONCURRENT_STREAMS allows, a second connection beyond it, and a new one once the backend's
 * GOAWAY says the old one takes no new streams; a reset stream ends its own session only; the connection closes with
 * its last session.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketToHttp2ConnectionSharingTest {
    @TempDir
    static Path dir;
    static JettyHttp2WebSocketBackend jetty;
    static JettyHttp2WebSocketBackend twoStreams;
    static WebSocketGateway setup;

    @BeforeAll
    static void start() throws Exception {
        jetty = new JettyHttp2WebSocketBackend(true);
        twoStreams = new JettyHttp2WebSocketBackend(true, 2);
        setup = new WebSocketGateway(dir, """
                  jetty: { endpoints: [ "ws://127.0.0.1:%d" ] }
                  two: { endpoints: [ "ws://127.0.0.1:%d" ] }
                """.formatted(jetty.port(), twoStreams.port()), """
                routes:
                  - { name: h2, match: { prefix: /h2 }, translator: websocket, backend: { upstream: jetty, http2: true } }
                  - { name: two, match: { prefix: /two }, translator: websocket, backend: { upstream: two, http2: true } }
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
        if (twoStreams != null) {
            twoStreams.close();
        }
    }

    @BeforeEach
    void noConnectionLeft() throws Exception {
        jetty.awaitConnectionsAtMost(0);
        twoStreams.awaitConnectionsAtMost(0);
        jetty.closesReceived.clear();
    }

    @Test
    void sessionsShareOneConnectionThatClosesWithTheLastOfThem() throws Exception {
        try (ExtendedConnectClient client = new ExtendedConnectClient(setup.port())) {
            List<ExtendedConnectClient.Stream> sessions = open(client, "/h2/shared", 3);
            assertThat(jetty.connections()).isEqualTo(1);
            close(sessions.get(0), 4000);
            assertThat(jetty.closesReceived.poll(10, TimeUnit.SECONDS)).startsWith("4000");
            echo(sessions.get(1), "still shared");
            assertThat(jetty.connections()).isEqualTo(1);
            close(sessions.get(1), 4001);
            close(sessions.get(2), 4002);
            jetty.awaitConnectionsAtMost(0);
        }
    }

    @Test
    void theServersStreamLimitOpensAnotherConnection() throws Exception {
        try (ExtendedConnectClient client = new ExtendedConnectClient(setup.port())) {
            List<ExtendedConnectClient.Stream> sessions = open(client, "/two/limited", 3);
            assertThat(twoStreams.connections()).isEqualTo(2);
            for (ExtendedConnectClient.Stream session : sessions) {
                echo(session, "again");
            }
        }
        twoStreams.awaitConnectionsAtMost(0);
    }

    @Test
    void aConnectionGoingAwayTakesNoNewSessionsWhileItsOwnGoOn() throws Exception {
        try (ExtendedConnectClient client = new ExtendedConnectClient(setup.port())) {
            ExtendedConnectClient.Stream first = open(client, "/h2/first", 1).get(0);
            first.send(text("shutdown"));
            echo(first, "after the GOAWAY");
            ExtendedConnectClient.Stream second = open(client, "/h2/second", 1).get(0);
            assertThat(jetty.connections()).as("a new connection for the new session").isEqualTo(2);
            echo(first, "first goes on");
            echo(second, "second too");
        }
    }

    @Test
    void aResetStreamEndsItsOwnSessionOnly() throws Exception {
        try (ExtendedConnectClient client = new ExtendedConnectClient(setup.port())) {
            List<ExtendedConnectClient.Stream> sessions = open(client, "/h2/reset", 2);
            sessions.get(0).send(text("reset"));
            RawWebSocket.Frame close = sessions.get(0).read();
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1011);
            echo(sessions.get(1), "unaffected");
            assertThat(jetty.connections()).isEqualTo(1);
        }
    }

    private static List<ExtendedConnectClient.Stream> open(ExtendedConnectClient client, String path, int count)
            throws Exception {
        assertThat(client.connectProtocolSetting.get(10, TimeUnit.SECONDS)).isTrue();
        List<ExtendedConnectClient.Stream> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ExtendedConnectClient.Stream stream = client.open(path);
            assertThat(stream.status()).isEqualTo("200");
            echo(stream, "session " + i);
            sessions.add(stream);
        }
        return sessions;
    }

    private static void echo(ExtendedConnectClient.Stream stream, String message) throws Exception {
        stream.send(text(message));
        assertThat(stream.read().text()).isEqualTo(message);
    }

    private static void close(ExtendedConnectClient.Stream stream, int code) throws Exception {
        java.nio.ByteBuffer payload = java.nio.ByteBuffer.allocate(2).putShort((short) code);
        stream.send(RawWebSocket.encode(RawWebSocket.CLOSE, true, 0, true, payload.array()));
        RawWebSocket.Frame close = stream.read();
        assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
        assertThat(close.closeCode()).isEqualTo(code);
    }

    private static byte[] text(String message) {
        return RawWebSocket.encode(RawWebSocket.TEXT, true, 0, true, message.getBytes(StandardCharsets.UTF_8));
    }
}
