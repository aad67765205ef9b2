package dev.polygate.edge.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A limit per operation on a grpc route: gRPC-Web, REST and WebSocket clients calling one operation share its
 * limit, and each is refused in its own protocol: grpc-status 8 (RESOURCE_EXHAUSTED) in a trailers-only answer, 429
 * with the google.rpc.Status JSON, a refused handshake; all with {@code Retry-After} and the {@code RateLimit}
 * fields.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RateLimitOperationsTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final byte[] EMPTY_MESSAGE = {0, 0, 0, 0, 0};

    @TempDir
    static Path dir;
    static GrpcRouteFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = GrpcRouteFixture.start(dir, """
                      - rateLimit: { key: [ ip, operation ], limits: [ { name: perCall, requests: 2, per: 1h } ] }
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static HttpResponse<String> grpcWeb(String method) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.port()
                        + "/polygate.test.v1.Library/" + method))
                .header("content-type", "application/grpc-web+proto").header("x-grpc-web", "1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EMPTY_MESSAGE)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void oneOperationsLimitCountsItsCallsFromEveryProtocolAndRefusesEachInItsOwn() throws Exception {
        HttpResponse<String> first = grpcWeb("ListShelves");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).as("the trailer frame").contains("grpc-status:0");
        ServiceLimits.parse(header(first, "RateLimit")).has("perCall", 1, 1800);
        assertThat(header(first, "RateLimit-Policy")).isEqualTo("\"perCall\";q=2;w=3600");

        HttpResponse<String> rest = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.port()
                + "/v1/shelves")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rest.statusCode()).as("REST calls ListShelves too").isEqualTo(200);
        ServiceLimits.parse(header(rest, "RateLimit")).has("perCall", 0, 1800);

        HttpResponse<String> refused = grpcWeb("ListShelves");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(header(refused, "grpc-status")).as("RESOURCE_EXHAUSTED, trailers-only").isEqualTo("8");
        assertThat(header(refused, "grpc-message")).contains("perCall");
        assertThat(Long.parseLong(header(refused, "Retry-After"))).isBetween(1790L, 1800L);
        ServiceLimits.parse(header(refused, "RateLimit")).has("perCall", 0, 1800);
        assertThat(header(refused, "RateLimit-Policy")).isEqualTo("\"perCall\";q=2;w=3600");

        HttpResponse<String> restRefused = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + fixture.port() + "/v1/shelves")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(restRefused.statusCode()).isEqualTo(429);
        assertThat(restRefused.body()).contains("\"code\":8");
        assertThat(Long.parseLong(header(restRefused, "Retry-After"))).isBetween(1790L, 1800L);

        HttpResponse<String> another = grpcWeb("CreateShelf");
        assertThat(another.body()).as("another operation has a limit of its own: a shelf needs a theme")
                .contains("grpc-status:3");
        ServiceLimits.parse(header(another, "RateLimit")).has("perCall", 1, 1800);

        for (int i = 0; i < 2; i++) {
            HttpResponse<String> restGet = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + fixture.port() + "/v1/shelves/poetry")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(restGet.statusCode()).as("GetShelf of an unknown shelf").isEqualTo(404);
            ServiceLimits.parse(header(restGet, "RateLimit")).has("perCall", 1 - i, 1800);
        }
        CompletionException handshake = catchThrowableOfType(() -> CLIENT.newWebSocketBuilder().subprotocols("json")
                .buildAsync(URI.create("ws://127.0.0.1:" + fixture.port() + "/v1/shelves/poetry"),
                        new WebSocket.Listener() { }).join(), CompletionException.class);
        assertThat(handshake).as("the WebSocket handshake calling GetShelf is refused").isNotNull();
        assertThat(handshake.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        HttpResponse<?> answer = ((WebSocketHandshakeException) handshake.getCause()).getResponse();
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(header(answer, "Retry-After"))).isBetween(1790L, 1800L);
        ServiceLimits.parse(header(answer, "RateLimit")).has("perCall", 0, 1800);
    }
}
