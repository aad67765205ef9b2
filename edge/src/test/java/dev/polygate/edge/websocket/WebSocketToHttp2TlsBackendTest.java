package dev.polygate.edge.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.certs.DevCertificateAuthority;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wss://} with {@code http2: true}: the websocket translator reaches Jetty 12's WebSocket server on a TLS
 * connector that chooses h2 by ALPN, trusting the development CA that issued its certificate ({@code tls.caFile}):
 * text and binary echoed, close codes both ways. A TLS server whose ALPN offers HTTP/1.1 alone is a 502 saying so, an
 * untrusted certificate a 502 naming the TLS handshake.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketToHttp2TlsBackendTest {
    @TempDir
    static Path dir;
    static JettyHttp2WebSocketBackend h2;
    static JettyHttp2WebSocketBackend http11;
    static WebSocketGateway setup;

    @BeforeAll
    static void start() throws Exception {
        Path caDir = Files.createDirectories(dir.resolve("backend-ca"));
        h2 = JettyHttp2WebSocketBackend.h2OverTls(caDir);
        http11 = JettyHttp2WebSocketBackend.http11OverTls(caDir);
        Path ca = DevCertificateAuthority.loadOrCreate(caDir).caCertificateFile();
        setup = new WebSocketGateway(Files.createDirectories(dir.resolve("gateway")), """
                  jetty: { endpoints: [ "wss://127.0.0.1:%d" ], tls: { caFile: "%s" } }
                  http11: { endpoints: [ "wss://127.0.0.1:%d" ], tls: { caFile: "%s" } }
                  untrusted: { endpoints: [ "wss://127.0.0.1:%d" ] }
                """.formatted(h2.port(), ca, http11.port(), ca, h2.port()), """
                routes:
                  - { name: h2, match: { prefix: /h2 }, translator: websocket, backend: { upstream: jetty, http2: true } }
                  - { name: h1, match: { prefix: /h1 }, translator: websocket, backend: { upstream: http11, http2: true } }
                  - { name: untrusted, match: { prefix: /untrusted }, translator: websocket, backend: { upstream: untrusted, http2: true } }
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        if (setup != null) {
            setup.close();
        }
        if (h2 != null) {
            h2.close();
        }
        if (http11 != null) {
            http11.close();
        }
    }

    @Test
    void anHttp11ClientReachesTheH2BackendOverTlsWithTextBinaryAndItsCloseCode() throws Exception {
        h2.closesReceived.clear();
        try (RawWebSocket ws = RawWebSocket.connect(setup.port(), "/h2/echo", "")) {
            assertThat(ws.status()).as(ws.responseHead()).isEqualTo(101);
            ws.sendText("über TLS und h2");
            assertThat(ws.readMessage().text()).isEqualTo("über TLS und h2");
            byte[] big = FramingCases.binary(200_000);
            ws.send(RawWebSocket.BINARY, true, big);
            assertThat(ws.readMessage().payload()).isEqualTo(big);
            ws.sendClose(4001, "client done");
            assertThat(ws.readClose().closeCode()).isEqualTo(4001);
            assertThat(ws.closedByServer()).isTrue();
        }
        assertThat(h2.closesReceived.poll(10, TimeUnit.SECONDS)).isEqualTo("4001 client done");
    }

    @Test
    void anHttp2ClientReachesTheH2BackendOverTlsAndTheBackendsCloseCodeComesBack() throws Exception {
        try (ExtendedConnectClient client = new ExtendedConnectClient(setup.port())) {
            assertThat(client.connectProtocolSetting.get(10, TimeUnit.SECONDS)).isTrue();
            ExtendedConnectClient.Stream stream = client.open("/h2/echo");
            assertThat(stream.status()).isEqualTo("200");
            stream.send(RawWebSocket.encode(RawWebSocket.TEXT, true, 0, true, "hello".getBytes(StandardCharsets.UTF_8)));
            assertThat(stream.read().text()).isEqualTo("hello");
            stream.send(RawWebSocket.encode(RawWebSocket.TEXT, true, 0, true,
                    "close 4002 server done".getBytes(StandardCharsets.UTF_8)));
            RawWebSocket.Frame close = stream.read();
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(4002);
            assertThat(close.closeReason()).isEqualTo("server done");
        }
    }

    @Test
    void anUntrustedCertificateIs502NamingTheTlsHandshake() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(setup.port(), "/untrusted/echo", "")) {
            assertThat(ws.status()).as(ws.responseHead()).isEqualTo(502);
            assertThat(ws.body()).contains("upstream 'untrusted' failed the TLS handshake").doesNotContain("127.0.0.1");
        }
    }

    @Test
    void aTlsBackendWhoseAlpnDoesNotOfferH2Is502() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(setup.port(), "/h1/echo", "")) {
            assertThat(ws.status()).as(ws.responseHead()).isEqualTo(502);
            assertThat(ws.body()).contains("upstream 'http11' does not take WebSockets over HTTP/2: it did not agree to "
                    + "HTTP/2 by ALPN").doesNotContain("127.0.0.1").doesNotContain("Exception");
        }
        setup.assertServes("/h2/again");
    }
}
