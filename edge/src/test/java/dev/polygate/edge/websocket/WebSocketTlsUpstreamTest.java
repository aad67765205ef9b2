package dev.polygate.edge.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.certs.DevCertificateAuthority;
import dev.polygate.edge.testing.RunningGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wss://} upstreams: the backend is a second gateway serving WebSocket over TLS with a certificate of its
 * development CA (relaying to the Netty echo backend). Trusting that CA ({@code tls.caFile}) the session works end
 * to end; an upstream that does not trust it refuses the handshake with 502, naming the upstream only.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketTlsUpstreamTest {
    @TempDir
    static Path dir;
    static WebSocketGateway tlsBackend;
    static WebSocketGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Path backendDir = Files.createDirectories(dir.resolve("backend"));
        tlsBackend = new WebSocketGateway(backendDir, "", """
                routes:
                  - { name: ws, match: { prefix: /ws }, translator: websocket, backend: { upstream: echo } }
                """, "{}");
        Path ca = DevCertificateAuthority.loadOrCreate(backendDir).caCertificateFile();
        int port = tlsBackend.gateway.httpsPort();
        gateway = new WebSocketGateway(Files.createDirectories(dir.resolve("front")), """
                  trusted: { endpoints: [ "wss://localhost:%d" ], tls: { caFile: "%s" } }
                  untrusted: { endpoints: [ "wss://localhost:%d" ] }
                """.formatted(port, ca, port), """
                routes:
                  - { name: trusted, match: { prefix: /ws }, translator: websocket, backend: { upstream: trusted } }
                  - { name: untrusted, match: { prefix: /untrusted }, translator: websocket, backend: { upstream: untrusted } }
                """);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (tlsBackend != null) {
            tlsBackend.close();
        }
    }

    @Test
    void aSessionReachesAWssBackendWhoseCertificateIsTrusted() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(gateway.port(), "/ws/secure", "")) {
            assertThat(ws.status()).as(ws.responseHead()).isEqualTo(101);
            ws.sendText("over TLS");
            assertThat(ws.readMessage().text()).isEqualTo("over TLS");
            byte[] big = FramingCases.binary(200_000);
            ws.send(RawWebSocket.BINARY, true, big);
            assertThat(ws.readMessage().payload()).isEqualTo(big);
            ws.sendClose(1000, "");
            assertThat(ws.readClose().closeCode()).isEqualTo(1000);
        }
        assertThat(tlsBackend.backend.lastHandshake.get("x-forwarded-proto")).isEqualTo("https");
    }

    @Test
    void aWssBackendWhoseCertificateIsNotTrustedIs502() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(gateway.port(), "/untrusted/", "")) {
            assertThat(ws.status()).as(ws.responseHead()).isEqualTo(502);
            assertThat(ws.body()).contains("upstream 'untrusted'").doesNotContain("localhost:")
                    .doesNotContain("Exception");
        }
        try (RawWebSocket ws = RawWebSocket.connect(gateway.port(), "/ws/again", "")) {
            ws.sendText("again");
            assertThat(ws.readMessage().text()).isEqualTo("again");
        }
    }
}
