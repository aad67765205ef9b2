package dev.polygate.edge.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.edge.grpc.RestGateway.Answer;
import io.grpc.Status;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Backend statuses as REST clients see them: google.rpc.Status JSON (code, message, details) under the HTTP
 * status of the gRPC code (the design's table), and the gateway's own failures in the same shape.
 */
final class ErrorStatusTest {
    /** gRPC code → HTTP status, as the design specifies it. */
    static final Map<Status.Code, Integer> HTTP_STATUS = Map.ofEntries(
            Map.entry(Status.Code.CANCELLED, 499), Map.entry(Status.Code.UNKNOWN, 500),
            Map.entry(Status.Code.INVALID_ARGUMENT, 400), Map.entry(Status.Code.DEADLINE_EXCEEDED, 504),
            Map.entry(Status.Code.NOT_FOUND, 404), Map.entry(Status.Code.ALREADY_EXISTS, 409),
            Map.entry(Status.Code.PERMISSION_DENIED, 403), Map.entry(Status.Code.RESOURCE_EXHAUSTED, 429),
            Map.entry(Status.Code.FAILED_PRECONDITION, 400), Map.entry(Status.Code.ABORTED, 409),
            Map.entry(Status.Code.OUT_OF_RANGE, 400), Map.entry(Status.Code.UNIMPLEMENTED, 501),
            Map.entry(Status.Code.INTERNAL, 500), Map.entry(Status.Code.UNAVAILABLE, 503),
            Map.entry(Status.Code.DATA_LOSS, 500), Map.entry(Status.Code.UNAUTHENTICATED, 401));

    @TempDir
    static Path dir;
    static GrpcBackend backend;
    static RestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        backend = GrpcBackend.start();
        String schema = "schema: { descriptorSets: [ \"" + RestGateway.descriptorSet(dir) + "\" ] }";
        gateway = RestGateway.start(dir, RestGateway.upstream("backend", backend.port())
                + "  down: { endpoints: [ \"h2c://127.0.0.1:" + closedPort() + "\" ], connectTimeout: 2s }\n"
                + "routes:\n"
                + RestGateway.route("down", "/down", null, "upstream: down, " + schema)
                + RestGateway.route("all", "/", null, "upstream: backend, " + schema));
    }

    /** A loopback port nothing listens on: bound by the system, then released. */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        backend.close();
    }

    @ParameterizedTest
    @EnumSource(value = Status.Code.class, names = "OK", mode = EnumSource.Mode.EXCLUDE)
    void everyBackendCodeHasItsHttpStatus(Status.Code code) throws Exception {
        Answer failed = gateway.post("/v1/everything:echo", "{\"stringValue\":\"status:" + code + "\"}");
        assertThat(failed.status()).as(failed.body()).isEqualTo(HTTP_STATUS.get(code));
        assertThat(failed.header("content-type")).startsWith("application/json");
        JsonNode status = failed.json();
        assertThat(status.get("code").asInt()).isEqualTo(code.value());
        assertThat(status.get("message").asText()).isEqualTo(code == Status.Code.INVALID_ARGUMENT
                ? "invalid string_value" : "the backend failed with " + code);
        assertThat(status.get("details").isArray()).isTrue();
        assertThat(failed.header("x-backend-trailer")).as("trailing metadata of a failed call").isEqualTo(code.name());
    }

    @Test
    void badRequestDetailsAreRenderedAsJson() throws Exception {
        Answer invalid = gateway.post("/v1/shelves", "{\"theme\":\"\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().toString()).isEqualTo("{\"code\":3,\"message\":\"invalid shelf.theme\",\"details\":["
                + "{\"@type\":\"type.googleapis.com/google.rpc.BadRequest\",\"fieldViolations\":"
                + "[{\"field\":\"shelf.theme\",\"description\":\"a shelf needs a theme\"}]}]}");
    }

    @Test
    void notFoundCarriesResourceInfo() throws Exception {
        Answer missing = gateway.get("/v1/shelves/absent");
        assertThat(missing.status()).isEqualTo(404);
        JsonNode detail = missing.json().get("details").get(0);
        assertThat(detail.get("@type").asText()).isEqualTo("type.googleapis.com/google.rpc.ResourceInfo");
        assertThat(detail.get("resourceName").asText()).isEqualTo("shelves/absent");
        assertThat(missing.json().get("message").asText()).isEqualTo("shelves/absent does not exist");
    }

    @Test
    void conflictsAndPreconditionsFromARealWorkflow() throws Exception {
        assertThat(gateway.post("/v1/shelves?requestId=twice", "{\"theme\":\"t\"}").status()).isEqualTo(200);
        Answer again = gateway.post("/v1/shelves?requestId=twice", "{\"theme\":\"t\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asInt()).isEqualTo(6);
        gateway.post("/v1/shelves/twice/books", "{\"title\":\"kept\"}");
        Answer notEmpty = gateway.send("DELETE", "/v1/shelves/twice", null);
        assertThat(notEmpty.status()).isEqualTo(400);
        assertThat(notEmpty.json().get("code").asInt()).isEqualTo(9);
        assertThat(gateway.send("DELETE", "/v1/shelves/twice?force=true", null).status()).isEqualTo(200);
    }

    @Test
    void backendDownIsA503WithUnavailable() throws Exception {
        Answer down = gateway.post("/down/v1/everything:echo", "{}");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.header("content-type")).startsWith("application/json");
        assertThat(down.json().get("code").asInt()).isEqualTo(14);
        assertThat(down.json().get("message").asText()).isNotEmpty();
        assertThat(gateway.post("/v1/everything:echo", "{}").status()).as("the other route still serves").isEqualTo(200);
    }
}
