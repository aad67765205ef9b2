package dev.polygate.edge.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.edge.grpc.RestGateway.Answer;
import dev.polygate.edge.testing.RawHttp;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client mistakes are a clear 400 INVALID_ARGUMENT (413 for bodies past the limit) naming what is wrong, they
 * never reach the backend, and the gateway keeps serving: a good request follows every bad one.
 */
final class BadInputTest {
    @TempDir
    static Path dir;
    static GrpcBackend backend;
    static RestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        backend = GrpcBackend.start();
        gateway = RestGateway.start(dir, backend.port(), "rest: { maxRequestSize: 1KiB }");
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        backend.close();
    }

    @AfterEach
    void aGoodRequestStillWorks() throws Exception {
        Answer good = gateway.post("/v1/everything:echo", "{\"int32Value\":1}");
        assertThat(good.status()).isEqualTo(200);
        assertThat(good.body()).isEqualTo("{\"int32Value\":1}");
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("malformed JSON", "POST", "/v1/everything:echo", "{\"int32Value\":", "JSON"),
                bad("not JSON at all", "POST", "/v1/everything:echo", "int32Value=1", "JSON"),
                bad("two documents", "POST", "/v1/everything:echo", "{} {}", "JSON"),
                bad("a string for an int", "POST", "/v1/everything:echo", "{\"int32Value\":\"abc\"}", "int32Value"),
                bad("a number for a bool", "POST", "/v1/everything:echo", "{\"boolValue\":1}", "boolValue"),
                bad("a scalar for a message", "POST", "/v1/everything:echo", "{\"nested\":5}", "nested"),
                bad("an object for a list", "POST", "/v1/everything:echo", "{\"repeatedInt32\":{}}", "repeatedInt32"),
                bad("a fraction for an int", "POST", "/v1/everything:echo", "{\"int32Value\":1.5}", "int32Value"),
                bad("unknown field, nested", "POST", "/v1/everything:echo", "{\"nested\":{\"nmae\":\"x\"}}", "nmae"),
                bad("int32 overflow", "POST", "/v1/everything:echo", "{\"int32Value\":2147483648}", "int32Value"),
                bad("uint32 negative", "POST", "/v1/everything:echo", "{\"uint32Value\":-1}", "uint32Value"),
                bad("int64 overflow", "POST", "/v1/everything:echo", "{\"int64Value\":\"9223372036854775808\"}",
                        "int64Value"),
                bad("bad enum name", "POST", "/v1/everything:echo", "{\"level\":\"MEDIUM\"}", "MEDIUM"),
                bad("bad timestamp", "POST", "/v1/everything:echo", "{\"timestamp\":\"yesterday\"}", "timestamp"),
                bad("impossible date", "POST", "/v1/everything:echo", "{\"timestamp\":\"2024-13-01T00:00:00Z\"}",
                        "timestamp"),
                bad("impossible time, nested", "POST", "/v1/everything:echo",
                        "{\"nested\":{\"child\":{\"at\":\"2024-02-30T25:61:00Z\"}}}", "nested.child.at"),
                bad("impossible date, body field", "POST", "/v1/shelves/x/books/y:checkout",
                        "{\"dueTime\":\"2023-02-29T00:00:00Z\"}", "dueTime"),
                bad("bad duration", "POST", "/v1/everything:echo", "{\"duration\":\"5 minutes\"}", "duration"),
                bad("bad base64", "POST", "/v1/everything:echo", "{\"bytesValue\":\"not base64!\"}", "bytesValue"),
                bad("unknown Any type", "POST", "/v1/everything:echo",
                        "{\"any\":{\"@type\":\"type.googleapis.com/no.Such\",\"x\":1}}", "no.Such"),
                bad("query int32 overflow", "GET", "/v1/everything?int32Value=2147483648", null, "int32Value"),
                bad("query not a number", "GET", "/v1/everything?int64Value=12abc", null, "int64Value"),
                bad("query bad enum name", "GET", "/v1/everything?level=MEDIUM", null, "MEDIUM"),
                bad("query bad timestamp", "GET", "/v1/everything?timestamp=2024-01-01", null, "timestamp"),
                bad("query impossible date", "GET", "/v1/everything?timestamp=2024-13-01T00:00:00Z", null, "timestamp"),
                bad("query impossible time", "GET", "/v1/shelves/s/books?publishedAfter=2024-01-01T24:30:00Z", null,
                        "publishedAfter"),
                bad("query bad duration", "GET", "/v1/everything?duration=5", null, "duration"),
                bad("query bad bool", "GET", "/v1/everything?boolValue=maybe", null, "boolValue"),
                bad("query unknown field", "GET", "/v1/everything?nested.nmae=x", null, "nmae"),
                bad("query message field", "GET", "/v1/everything?nested=x", null, "nested"),
                bad("query twice, not repeated", "GET", "/v1/everything?int32Value=1&int32Value=2", null, "int32Value"),
                bad("query field bound by path", "GET", "/v1/everything/a/1/n?stringValue=b", null, "stringValue"),
                bad("path bad enum name", "GET", "/v1/genres/NOVEL/stats", null, "NOVEL"),
                bad("path int64 not a number", "GET", "/v1/everything/a/one/n", null, "int64"),
                bad("bad repeated element", "POST", "/v1/everything/s/numbers", "[1,\"x\"]", "repeatedInt32"),
                bad("bad client-stream line", "POST", "/v1/shelves/x/books:import", "{\"title\":{}}", "title"),
                bad("bad grpc-timeout", "GET", "/v1/everything?int32Value=1", null, "grpc-timeout", "grpc-timeout",
                        "soon"));
    }

    private static Arguments bad(String what, String method, String path, String body, String mentions,
                                 String... headers) {
        return Arguments.of(what, method, path, body, mentions, headers);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void isA400NamingTheProblem(String what, String method, String path, String body, String mentions,
                                String[] headers) throws Exception {
        CallProbe.SeenCall before = backend.probe().last();
        Answer answer = gateway.send(method, path, body, headers);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.header("content-type")).startsWith("application/json");
        assertThat(answer.json().get("code").asInt()).isEqualTo(3);
        assertThat(answer.json().get("message").asText()).contains(mentions);
        assertThat(backend.probe().last()).as("refused before any backend call").isSameAs(before);
    }

    @Test
    void aMalformedEscapeInAPathVariableIsA400() throws Exception {
        // No JDK client sends this; a raw request line does.
        String answer = RawHttp.exchange(gateway.gateway().httpPort(),
                "GET /v1/shelves/%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400");
    }

    @Test
    void oversizedBodyWithContentLengthIsA413() throws Exception {
        Answer big = gateway.post("/v1/everything:echo", "{\"stringValue\":\"" + "x".repeat(2048) + "\"}");
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.json().get("code").asInt()).isEqualTo(8);
        assertThat(big.json().get("message").asText()).contains("1024");
    }

    @Test
    void oversizedChunkedBodyIsA413() throws Exception {
        byte[] json = ("{\"stringValue\":\"" + "y".repeat(4096) + "\"}").getBytes(StandardCharsets.UTF_8);
        // No length known in advance: the limit is found while reading.
        HttpRequest request = HttpRequest.newBuilder(gateway.uri("/v1/everything:echo")).timeout(RestGateway.TIMEOUT)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json))).build();
        HttpResponse<String> big = gateway.client().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(RestGateway.JSON.readTree(big.body()).get("code").asInt()).isEqualTo(8);
    }

    @Test
    void aBodyJustUnderTheLimitIsFine() throws Exception {
        String json = "{\"stringValue\":\"" + "z".repeat(1000) + "\"}";
        assertThat(json.length()).isLessThanOrEqualTo(1024);
        assertThat(gateway.post("/v1/everything:echo", json).status()).isEqualTo(200);
    }
}
