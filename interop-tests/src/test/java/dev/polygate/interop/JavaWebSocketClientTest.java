package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okio.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built gateway driven by OkHttp's WebSocket client, a Java client nobody here wrote: the {@code websocket}
 * translator's passthrough to a python3-websockets echo backend (text, binary, a large fragmented message, Close
 * codes and reasons both ways, permessage-deflate at the edge), the Greeter's methods as JSON over WebSocket, a
 * message over the route's limit closed with 1009, and the same over TLS with the gateway's development CA.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class JavaWebSocketClientTest {
    @TempDir
    static Path dir;
    static WebSocketPeers.Backend echo;
    static GreeterServer greeter;
    static GatewayProcess gateway;
    static OkHttpClient client;
    static OkHttpClient tlsClient;

    @BeforeAll
    static void start() throws Exception {
        WebSocketPeers.requireInstalled();
        echo = new WebSocketPeers.Backend("python");
        greeter = new GreeterServer();
        Path descriptors = GreeterGatewayConfig.descriptorSet(dir);
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, """
                dataDir: data
                reload: { watch: false }
                admin: { port: 0 }
                listeners:
                  - { name: http, address: 127.0.0.1, port: 0 }
                  - { name: https, address: 127.0.0.1, port: 0, tls: {} }
                upstreams:
                  echo: { endpoints: [ "ws://127.0.0.1:%d" ] }
                  greeter: { endpoints: [ "h2c://127.0.0.1:%d" ] }
                routes:
                  - name: small
                    match: { prefix: /small }
                    translator: websocket
                    websocket: { maxFrameSize: 64KiB, maxMessageSize: 64KiB }
                    backend: { upstream: echo }
                  - name: echo
                    match: { prefix: /echo }
                    translator: websocket
                    backend: { upstream: echo }
                  - name: greeter
                    match: { paths: [ "/v1/greeter/**", "/demo.greeter.v1.Greeter/**" ] }
                    translator: grpc
                    backend:
                      upstream: greeter
                      services: [ demo.greeter.v1.Greeter ]
                      schema: { descriptorSets: [ "%s" ] }
                """.formatted(echo.port, greeter.port(), descriptors.getFileName()));
        gateway = GatewayProcess.startIn(dir, List.of("-Xmx64m"), "run", "--config", config.toString());
        client = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30)).build();
        // the line naming the CA file, printed once the TLS listener has its certificate
        String caLine = gateway.awaitLine("development CA: ", 0, Duration.ofSeconds(30));
        TrustedCa ca = TrustedCa.of(Path.of(caLine.substring(caLine.indexOf(": ") + 2, caLine.indexOf("  ("))));
        tlsClient = client.newBuilder().sslSocketFactory(ca.sslContext().getSocketFactory(), ca.trustManager()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (greeter != null) {
            greeter.close();
        }
        if (echo != null) {
            echo.close();
        }
        if (client != null) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    private static String ws(String path) {
        return "ws://127.0.0.1:" + gateway.port("http") + path;
    }

    private static String wss(String path) {
        return "wss://localhost:" + gateway.port("https") + path;
    }

    @Test
    void echoesTextBinaryAndALargeFragmentedMessageThroughThePassthrough() throws Exception {
        try (OkHttpSession session = OkHttpSession.open(client, ws("/echo"))) {
            // OkHttp offers permessage-deflate; the gateway takes it, and compresses at the edge only.
            assertThat(session.handshake.header("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");

            session.socket.send("hello, gateway ✓");
            assertThat(session.text()).isEqualTo("hello, gateway ✓");
            session.socket.send(ByteString.of((byte) 0, (byte) 1, (byte) 0xff));
            assertThat(session.binary()).isEqualTo(ByteString.of((byte) 0, (byte) 1, (byte) 0xff));
            ByteString half = ByteString.of(pseudoRandom(512 * 1024));
            session.socket.send(half);
            assertThat(session.binary()).isEqualTo(half);

            // 48 fragments of 64 KiB from the backend, relayed as they come, one 3 MiB message for the client
            session.socket.send("fragments 48 65536");
            ByteString big = session.binary();
            assertThat(big.size()).isEqualTo(48 * 65536);
            byte[] bytes = big.toByteArray();
            for (int i = 0; i < bytes.length; i++) {
                if ((bytes[i] & 0xff) != i % 251) {
                    throw new AssertionError("byte " + i + " of the fragmented message is " + (bytes[i] & 0xff));
                }
            }
        }
    }

    @Test
    void closeCodesAndReasonsCrossTheGatewayBothWays() throws Exception {
        try (OkHttpSession session = OkHttpSession.open(client, ws("/echo"))) {
            session.socket.send("close 4001 the backend is done");
            OkHttpSession.Closing closing = session.closing();
            assertThat(closing.code()).isEqualTo(4001);
            assertThat(closing.reason()).isEqualTo("the backend is done");
        }
        try (OkHttpSession session = OkHttpSession.open(client, ws("/echo"))) {
            session.socket.send("ping");
            assertThat(session.text()).isEqualTo("ping");
            session.socket.close(4000, "the client is done");
            // The backend answers the Close with the client's code and reason, through the gateway.
            OkHttpSession.Closing closing = session.closing();
            assertThat(closing.code()).isEqualTo(4000);
            assertThat(closing.reason()).isEqualTo("the client is done");
        }
    }

    @Test
    void callsTheGreeterWithJsonMessagesOverAWebSocket() throws Exception {
        // Unary: one call per message, answered in order; a failed call answers an error and the session goes on.
        try (OkHttpSession session = OkHttpSession.open(client, ws("/v1/greeter"))) {
            session.socket.send("{\"name\":\"okhttp\"}");
            session.socket.send("{\"name\":\"\"}");
            session.socket.send("{\"name\":\"again\"}");
            assertThat(session.text()).isEqualTo("{\"message\":\"Hello, okhttp!\"}");
            assertThat(session.text()).startsWith("{\"error\":{\"code\":3,").contains(GreeterServer.EMPTY_NAME);
            assertThat(session.text()).isEqualTo("{\"message\":\"Hello, again!\"}");
            session.socket.send(""); // no more calls: the server closes once every call is answered
            assertThat(session.closing().code()).isEqualTo(1000);
        }
        // Server streaming: the request from the path and query, each greeting a message, the end a Close 1000.
        try (OkHttpSession session = OkHttpSession.open(client, ws("/v1/greeter/okhttp/stream?count=3&interval=0.01s"))) {
            session.socket.send("");
            assertThat(List.of(session.text(), session.text(), session.text())).containsExactly(
                    "{\"message\":\"Hello #1, okhttp!\",\"sequence\":1}",
                    "{\"message\":\"Hello #2, okhttp!\",\"sequence\":2}",
                    "{\"message\":\"Hello #3, okhttp!\",\"sequence\":3}");
            assertThat(session.closing().code()).isEqualTo(1000);
        }
        // Bidirectional: each message answered as it goes, the empty message half-closes.
        try (OkHttpSession session = OkHttpSession.open(client, ws("/v1/greeter/chat"))) {
            session.socket.send("{\"name\":\"okhttp\",\"text\":\"one\"}");
            assertThat(session.text()).isEqualTo("{\"message\":\"re: one\",\"sequence\":1}");
            session.socket.send("{\"name\":\"okhttp\",\"text\":\"two\"}");
            assertThat(session.text()).isEqualTo("{\"message\":\"re: two\",\"sequence\":2}");
            session.socket.send("");
            assertThat(session.closing().code()).isEqualTo(1000);
        }
    }

    @Test
    void aMessageOverTheRoutesLimitIsClosedWith1009AndTheGatewayGoesOn() throws Exception {
        try (OkHttpSession session = OkHttpSession.open(client, ws("/small"))) {
            session.socket.send(ByteString.of(pseudoRandom(100 * 1024)));
            assertThat(session.closing().code()).isEqualTo(1009);
        }
        try (OkHttpSession session = OkHttpSession.open(client, ws("/small"))) {
            ByteString fits = ByteString.of(pseudoRandom(60 * 1024));
            session.socket.send(fits);
            assertThat(session.binary()).isEqualTo(fits);
        }
    }

    @Test
    void theSameOverTlsWithTheDevelopmentCa() throws Exception {
        try (OkHttpSession session = OkHttpSession.open(tlsClient, wss("/echo"))) {
            assertThat(session.handshake.handshake()).as("the TLS handshake").isNotNull();
            session.socket.send("over tls");
            assertThat(session.text()).isEqualTo("over tls");
            ByteString half = ByteString.of(pseudoRandom(256 * 1024));
            session.socket.send(half);
            assertThat(session.binary()).isEqualTo(half);
            session.socket.close(4000, "bye");
            assertThat(session.closing().code()).isEqualTo(4000);
        }
        try (OkHttpSession session = OkHttpSession.open(tlsClient, wss("/v1/greeter"))) {
            session.socket.send("{\"name\":\"tls\"}");
            assertThat(session.text()).isEqualTo("{\"message\":\"Hello, tls!\"}");
        }
    }

    private static byte[] pseudoRandom(int length) {
        byte[] bytes = new byte[length];
        PseudoRandomBytes.fill(bytes, 0, length, 0);
        return bytes;
    }
}
