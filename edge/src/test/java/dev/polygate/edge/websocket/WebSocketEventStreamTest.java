package dev.polygate.edge.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A WebSocket backend followed by clients without WebSocket: Server-Sent Events for GET (over HTTP/1.1 and HTTP/2)
 * and messages POSTed into the session, against the Netty echo backend; the session's end in every way it can come
 * (the backend's Close, the backend dying, an idle session, a backend message over the limit, the client leaving),
 * POSTs refused in the gateway's error vocabulary, and a client that stops reading holding the backend back.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WebSocketEventStreamTest {
    /** As for the WebSocket passthrough: the kernel's socket buffers of both hops, not the gateway's memory. */
    private static final long BOUND = 16L * 1024 * 1024;

    @TempDir
    static Path dir;
    static ScriptedWebSocketBackend scripted;
    static WebSocketGateway setup;
    static HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

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
                  - name: events
                    match: { prefix: /events }
                    translator: websocket
                    backend:
                      upstream: echo
                      allowedOrigins: [ "https://app.example.com" ]
                      eventStream: { keepAlive: 300ms, maxMessageSize: 1KiB }
                  - name: large
                    match: { prefix: /large }
                    translator: websocket
                    backend: { upstream: echo, eventStream: { maxMessageSize: 1MiB } }
                  - name: idle
                    match: { prefix: /idle }
                    translator: websocket
                    backend: { upstream: echo, eventStream: { idleTimeout: 400ms, keepAlive: 0 } }
                  - { name: refusing, match: { prefix: /status }, translator: websocket, backend: { upstream: scripted, eventStream: {} } }
                  - { name: nobody, match: { prefix: /nobody }, translator: websocket, backend: { upstream: nobody, eventStream: {} } }
                  - { name: ws-only, match: { prefix: /ws }, translator: websocket, backend: { upstream: echo } }
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

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + setup.port() + path);
    }

    static HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return http1.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postText(String path, String text) throws Exception {
        return post(path, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void backendMessagesArriveAsEventsAndPostsReachTheSession(HttpClient.Version version) throws Exception {
        HttpClient client = version == HttpClient.Version.HTTP_2 ? http2 : http1;
        try (EventStreamClient stream = EventStreamClient.open(client, uri("/events/feed?room=1"))) {
            assertThat(stream.response.statusCode()).isEqualTo(200);
            assertThat(stream.response.version()).isEqualTo(version);
            assertThat(stream.response.headers().firstValue("content-type")).hasValue("text/event-stream");
            assertThat(stream.response.headers().firstValue("cache-control")).hasValue("no-cache");
            String id = stream.sessionId();
            assertThat(postText("/events/feed?session=" + id, "hello").statusCode()).isEqualTo(204);
            assertThat(stream.next()).isEqualTo(new EventStreamClient.Event("message", "hello"));
            // a message of several lines is one event whose data lines join back to it; CRLF arrives as LF
            String lines = "line one\nline two\n\n  indented\r\nlast";
            assertThat(postText("/events/feed?session=" + id, lines).statusCode()).isEqualTo(204);
            assertThat(stream.next().data()).isEqualTo(lines.replace("\r\n", "\n"));
            // the session header works as the query parameter does; binary messages travel as base64
            byte[] bytes = {0, 1, 2, (byte) 0xff, '\n'};
            HttpResponse<String> binary = http1.send(HttpRequest.newBuilder(uri("/events/any"))
                    .header("Content-Type", "application/octet-stream").header("Event-Stream-Session", id)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(binary.statusCode()).isEqualTo(204);
            EventStreamClient.Event event = stream.next();
            assertThat(event.type()).isEqualTo("binary");
            assertThat(Base64.getDecoder().decode(event.data())).containsExactly(bytes);
            // an idle stream gets comment lines, which EventSource ignores
            assertThat(stream.comments.poll(5, TimeUnit.SECONDS)).isEqualTo(": ping");
            assertThat(postText("/events/feed?session=" + id, "close 4001 done here").statusCode()).isEqualTo(204);
            assertThat(stream.next()).isEqualTo(new EventStreamClient.Event("close", "{\"code\":4001,\"reason\":\"done here\"}"));
            assertThat(stream.next()).isSameAs(EventStreamClient.END);
            // the session is gone with its stream
            assertThat(postText("/events/feed?session=" + id, "late").statusCode()).isEqualTo(404);
        }
        assertThat(setup.backend.lastHandshake.get("x-forwarded-for")).isEqualTo("127.0.0.1");
    }

    /** curl follows the stream as a user would ({@code curl -N}), over HTTP/1.1 and HTTP/2 (prior knowledge). */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"--http1.1", "--http2-prior-knowledge"})
    void curlFollowsTheSession(String protocol) throws Exception {
        requireCurl();
        Process curl = new ProcessBuilder("curl", "-sS", "-N", protocol, "-H", "Accept: text/event-stream",
                uri("/events/curl").toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (EventStreamClient stream = EventStreamClient.of(curl.getInputStream())) {
            String id = stream.sessionId();
            assertThat(postText("/events/curl?session=" + id, "to curl,\nin two lines").statusCode()).isEqualTo(204);
            assertThat(stream.next()).isEqualTo(new EventStreamClient.Event("message", "to curl,\nin two lines"));
            assertThat(postText("/events/curl?session=" + id, "close 1000 bye").statusCode()).isEqualTo(204);
            assertThat(stream.next()).isEqualTo(new EventStreamClient.Event("close", "{\"code\":1000,\"reason\":\"bye\"}"));
            assertThat(stream.next()).isSameAs(EventStreamClient.END);
            assertThat(curl.waitFor(10, TimeUnit.SECONDS)).as("curl ends with the stream").isTrue();
            assertThat(curl.exitValue()).isZero();
        } finally {
            curl.destroyForcibly();
        }
    }

    private static void requireCurl() throws Exception {
        boolean present;
        try {
            present = new ProcessBuilder("curl", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (java.io.IOException e) {
            present = false;
        }
        if (!present) {
            String message = "curl is not on the PATH (Debian's curl package)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                org.junit.jupiter.api.Assertions.fail(message);
            }
            org.junit.jupiter.api.Assumptions.abort(message);
        }
    }

    @Test
    void postsThatCannotBeDeliveredAreRefusedInTheGatewaysErrorVocabulary() throws Exception {
        HttpResponse<String> unknown = postText("/events/x?session=AAAAAAAAAAAAAAAAAAAAAA", "hi");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(unknown.body()).contains("no open event-stream session");
        assertThat(postText("/events/x", "hi").statusCode()).isEqualTo(400);
        HttpResponse<String> put = http1.send(HttpRequest.newBuilder(uri("/events/x"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("allow")).hasValue("GET, POST");
        HttpResponse<String> foreign = http1.send(HttpRequest.newBuilder(uri("/events/x"))
                .header("Origin", "https://evil.example.com").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);
        HttpResponse<String> plain = http1.send(HttpRequest.newBuilder(uri("/ws/x")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).as("a route without eventStream").isEqualTo(400);
        try (EventStreamClient stream = EventStreamClient.open(http1, uri("/events/limits"))) {
            String id = stream.sessionId();
            HttpResponse<String> tooLarge = postText("/events/x?session=" + id, "x".repeat(1025));
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(tooLarge.body()).contains("at most 1024 bytes");
            // the same without a declared length: a chunked body
            HttpResponse<String> chunked = http1.send(HttpRequest.newBuilder(uri("/events/x?session=" + id))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[4096])))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(chunked.statusCode()).isEqualTo(413);
            HttpResponse<String> notUtf8 = post("/events/x?session=" + id, "text/plain", new byte[]{(byte) 0xC0, (byte) 0xAF});
            assertThat(notUtf8.statusCode()).isEqualTo(400);
            assertThat(postText("/events/x?session=" + id, "still open").statusCode()).isEqualTo(204);
            assertThat(stream.next().data()).isEqualTo("still open");
        }
    }

    @Test
    void theClientLeavingClosesTheBackendSessionWith1001() throws Exception {
        setup.backend.closesReceived.clear();
        String id;
        try (EventStreamClient stream = EventStreamClient.open(http1, uri("/events/leaving"))) {
            id = stream.sessionId();
        }
        assertThat(setup.backend.closesReceived.poll(10, TimeUnit.SECONDS)).isEqualTo("1001 client went away");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int status;
        do {
            status = postText("/events/x?session=" + id, "anyone?").statusCode();
        } while (status != 404 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(404);
    }

    @Test
    void theBackendDyingOrSendingTooMuchOrGoingQuietEndsTheStreamWithACloseEvent() throws Exception {
        try (EventStreamClient stream = EventStreamClient.open(http1, uri("/events/dying"))) {
            postText("/events/x?session=" + stream.sessionId(), "die");
            assertThat(stream.next()).isEqualTo(new EventStreamClient.Event("close",
                    "{\"code\":1011,\"reason\":\"the backend connection was lost\"}"));
            assertThat(stream.next()).isSameAs(EventStreamClient.END);
        }
        try (EventStreamClient stream = EventStreamClient.open(http1, uri("/events/big"))) {
            postText("/events/x?session=" + stream.sessionId(), "flood"); // 16 KiB frames, over the route's 1 KiB
            assertThat(stream.next()).isEqualTo(new EventStreamClient.Event("close",
                    "{\"code\":1009,\"reason\":\"a message exceeds 1024 bytes\"}"));
            assertThat(stream.next()).isSameAs(EventStreamClient.END);
        }
        try (EventStreamClient stream = EventStreamClient.open(http2, uri("/idle/quiet"))) {
            stream.sessionId();
            assertThat(stream.next()).isEqualTo(new EventStreamClient.Event("close",
                    "{\"code\":1001,\"reason\":\"no message for 400 ms\"}"));
            assertThat(stream.next()).isSameAs(EventStreamClient.END);
        }
    }

    @Test
    void aBackendThatRefusesOrIsNotThereIsAnErrorBeforeTheStreamStarts() throws Exception {
        HttpResponse<String> refused = http1.send(HttpRequest.newBuilder(uri("/status/404")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(refused.body()).contains("upstream 'scripted' refused the WebSocket handshake with status 404")
                .doesNotContain("127.0.0.1");
        HttpResponse<String> nobody = http2.send(HttpRequest.newBuilder(uri("/nobody/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(nobody.statusCode()).isEqualTo(503);
        assertThat(nobody.body()).contains("upstream 'nobody' is unavailable");
    }

    @Test
    void aClientThatStopsReadingHoldsAFloodingBackendBack() throws Exception {
        String request = "GET /large/flood HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n";
        try (RawWebSocket raw = RawWebSocket.open(setup.port(), request, 16 * 1024)) {
            assertThat(raw.status()).isEqualTo(200);
            InputStream in = raw.input();
            String id = readSessionId(in);
            assertThat(postText("/large/x?session=" + id, "flood").statusCode()).isEqualTo(204);
            long written = setup.backend.awaitFloodSettled();
            assertThat(written).as("bytes the backend wrote while the client read nothing").isPositive().isLessThan(BOUND);
            // reading again lets the backend go on
            byte[] buffer = new byte[65536];
            long read = 0;
            while (read < written * 4 / 3 + 1024 * 1024) {
                int n = in.read(buffer);
                assertThat(n).isPositive();
                read += n;
            }
            assertThat(setup.backend.flooded()).isGreaterThan(written);
        }
    }

    /** The id in the first event of a raw HTTP/1.1 chunked stream. */
    private static String readSessionId(InputStream in) throws Exception {
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().contains("\n\n")) {
            int b = in.read();
            assertThat(b).isNotNegative();
            seen.append((char) b);
        }
        String text = seen.toString();
        int data = text.indexOf("data: ");
        return text.substring(data + 6, text.indexOf('\n', data));
    }
}
