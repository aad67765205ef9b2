package dev.polygate.edge.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.edge.testing.RunningGateway;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 8441: an HTTP/2 client opens a WebSocket by extended CONNECT through the gateway to a backend that speaks only
 * HTTP/1.1 upgrades; and a listener that does not advertise SETTINGS_ENABLE_CONNECT_PROTOCOL refuses {@code :protocol}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketOverHttp2Test {
    @TempDir
    static Path dir;
    static WebSocketGateway setup;
    static EchoWebSocketBackend backend;
    static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        setup = new WebSocketGateway(dir, """
                  - { name: no-ws-h2, address: 127.0.0.1, port: 0, webSocketOverHttp2: false }
                routes:
                  - name: ws
                    match: { prefix: /ws }
                    translator: websocket
                    backend: { upstream: echo }
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

    @Test
    void anHttp2ClientReachesAnHttp1BackendByExtendedConnect() throws Exception {
        try (ExtendedConnectClient client = new ExtendedConnectClient(gateway.httpPort())) {
            assertThat(client.connectProtocolSetting.get(10, TimeUnit.SECONDS)).isTrue();
            ExtendedConnectClient.Stream stream = client.open("/ws/over-h2");
            assertThat(stream.status()).isEqualTo("200");
            stream.send(RawWebSocket.encode(RawWebSocket.TEXT, true, 0, true, "over h2".getBytes(StandardCharsets.UTF_8)));
            assertThat(stream.read().text()).isEqualTo("over h2");
            stream.send(RawWebSocket.encode(RawWebSocket.BINARY, false, 0, true, new byte[]{1, 2}));
            stream.send(RawWebSocket.encode(RawWebSocket.CONTINUATION, true, 0, true, new byte[]{3}));
            RawWebSocket.Frame first = stream.read();
            assertThat(first.fin()).isFalse();
            assertThat(first.payload()).containsExactly(1, 2);
            assertThat(stream.read().payload()).containsExactly(3);
            stream.send(RawWebSocket.encode(RawWebSocket.CLOSE, true, 0, true, new byte[]{0x03, (byte) 0xE8}));
            RawWebSocket.Frame close = stream.read();
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1000);
            // a second session on the same connection
            ExtendedConnectClient.Stream again = client.open("/ws/again");
            assertThat(again.status()).isEqualTo("200");
            again.send(RawWebSocket.encode(RawWebSocket.TEXT, true, 0, true, "again".getBytes(StandardCharsets.UTF_8)));
            assertThat(again.read().text()).isEqualTo("again");
        }
        assertThat(backend.lastHandshake.get("upgrade")).isEqualToIgnoringCase("websocket");
    }

    @Test
    void protocolWithoutTheAdvertisedSettingIsRefused() throws Exception {
        try (ExtendedConnectClient client = new ExtendedConnectClient(gateway.server().port("no-ws-h2"))) {
            assertThat(client.connectProtocolSetting.get(10, TimeUnit.SECONDS)).isFalse();
            ExtendedConnectClient.Stream stream = client.open("/ws/refused");
            assertThat(stream.status()).isEqualTo("RST_STREAM(1)"); // PROTOCOL_ERROR
        }
    }
}
