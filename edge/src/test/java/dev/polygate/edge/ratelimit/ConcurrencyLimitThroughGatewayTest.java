package dev.polygate.edge.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.polygate.edge.testing.RunningGateway;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code concurrencyLimit} through a real gateway: exchanges in flight per key, held by a slow backend; every way an
 * exchange ends gives its place back (the answer, a failing backend, a client that leaves, a WebSocket session that
 * ends), so no place leaks.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConcurrencyLimitThroughGatewayTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    @TempDir
    Path dir;
    private HeldBackend backend;
    private RunningGateway gateway;

    @BeforeEach
    void start() throws Exception {
        backend = new HeldBackend();
        int nobody;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = free.getLocalPort();
        }
        gateway = RunningGateway.start(dir, null, """
                upstreams:
                  held: { endpoints: [ "http://127.0.0.1:%d" ] }
                  gone: { endpoints: [ "http://127.0.0.1:%d" ], connectTimeout: 2s }
                routes:
                  - name: gone
                    match: { prefix: /gone }
                    backend: { upstream: gone }
                    policies:
                      - concurrencyLimit: { key: ip, max: 1, name: gone }
                  - name: held
                    match: { prefix: / }
                    backend: { upstream: held }
                    policies:
                      - concurrencyLimit: { key: ip, max: 2 }
                """.formatted(backend.port(), nobody));
    }

    @AfterEach
    void stop() {
        gateway.close();
        backend.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> getLater(String path) {
        return CLIENT.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void requestsInFlightHoldTheirPlacesAndGiveThemBackWhenAnswered() throws Exception {
        CompletableFuture<HttpResponse<String>> first = getLater("/slow/1");
        CompletableFuture<HttpResponse<String>> second = getLater("/slow/2");
        backend.awaitHeld(2);

        HttpResponse<String> refused = get("/fast");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("\"code\":\"RATE_LIMITED\"").contains("'concurrency' allows 2 at once");
        assertThat(header(refused, "Retry-After")).isEqualTo("1");
        assertThat(header(refused, "RateLimit-Policy")).isEqualTo("\"concurrency\";q=2;qu=\"concurrent-requests\"");
        assertThat(header(refused, "RateLimit")).isEqualTo("\"concurrency\";r=0");

        backend.release(2);
        List<String> fields = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> held : List.of(first, second)) {
            HttpResponse<String> answer = held.get(20, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            fields.add(header(answer, "RateLimit"));
        }
        assertThat(fields).containsExactlyInAnyOrder("\"concurrency\";r=1", "\"concurrency\";r=0");
        HttpResponse<String> after = get("/fast");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(header(after, "RateLimit")).isEqualTo("\"concurrency\";r=1");
    }

    @Test
    void clientsThatLeaveGiveTheirPlacesBackWhileTheBackendStillHoldsTheirRequests() throws Exception {
        List<Socket> leaving = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.httpPort());
            OutputStream out = socket.getOutputStream();
            out.write(("GET /slow/" + i + " HTTP/1.1\r\nhost: test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            leaving.add(socket);
        }
        backend.awaitHeld(2);
        assertThat(get("/fast").statusCode()).isEqualTo(429);
        for (Socket socket : leaving) {
            socket.close();
        }
        assertThat(awaitStatus("/fast", 200)).isEqualTo(200);
        assertThat(get("/fast").statusCode()).as("both places are back").isEqualTo(200);
        CompletableFuture<HttpResponse<String>> one = getLater("/slow/a");
        CompletableFuture<HttpResponse<String>> two = getLater("/slow/b");
        backend.awaitHeld(2);
        assertThat(get("/fast").statusCode()).as("and only two").isEqualTo(429);
        backend.release(4);
        assertThat(one.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(two.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void failingBackendsGiveTheirPlacesBack() throws Exception {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> unreachable = get("/gone/" + i);
            assertThat(unreachable.statusCode()).as("attempt %d", i).isIn(502, 503);
            assertThat(header(unreachable, "RateLimit")).isEqualTo("\"gone\";r=0");
            assertThat(get("/die/" + i).statusCode()).as("attempt %d", i).isEqualTo(502);
        }
        CompletableFuture<HttpResponse<String>> held = getLater("/slow/x");
        CompletableFuture<HttpResponse<String>> alsoHeld = getLater("/slow/y");
        backend.awaitHeld(2);
        assertThat(get("/die/z").statusCode()).as("the dead answers left both places free until now").isEqualTo(429);
        backend.release(2);
        assertThat(held.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(alsoHeld.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    private int awaitStatus(String path, int wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int status;
        do {
            status = get(path).statusCode();
            if (status == wanted) {
                return status;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        } while (System.nanoTime() < deadline);
        return status;
    }

    @Test
    void aWebSocketSessionHoldsItsPlaceUntilItEnds() throws Exception {
        Path grpcDir = Files.createDirectories(dir.resolve("grpc"));
        try (GrpcRouteFixture grpc = GrpcRouteFixture.start(grpcDir, """
                      - concurrencyLimit: { key: ip, max: 1 }
                """)) {
            URI session = URI.create("ws://127.0.0.1:" + grpc.port() + "/v1/shelves/poetry");
            WebSocket open = CLIENT.newWebSocketBuilder().subprotocols("json")
                    .buildAsync(session, new WebSocket.Listener() { }).get(20, TimeUnit.SECONDS);

            CompletionException second = catchThrowableOfType(() -> CLIENT.newWebSocketBuilder().subprotocols("json")
                    .buildAsync(session, new WebSocket.Listener() { }).join(), CompletionException.class);
            assertThat(second).as("one session at a time").isNotNull();
            HttpResponse<?> refused = ((WebSocketHandshakeException) second.getCause()).getResponse();
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("RateLimit")).hasValue("\"concurrency\";r=0");
            assertThat(CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + grpc.port() + "/v1/shelves"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as("nor a call beside it").isEqualTo(429);

            open.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(20, TimeUnit.SECONDS);
            WebSocket next = awaitSession(session);
            next.abort(); // the connection dropped without a close handshake: the session ends all the same
            awaitSession(session).sendClose(WebSocket.NORMAL_CLOSURE, "done").get(20, TimeUnit.SECONDS);
        }
    }

    private static WebSocket awaitSession(URI session) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return CLIENT.newWebSocketBuilder().subprotocols("json").buildAsync(session, new WebSocket.Listener() { })
                        .get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof WebSocketHandshakeException) || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }
    }
}
