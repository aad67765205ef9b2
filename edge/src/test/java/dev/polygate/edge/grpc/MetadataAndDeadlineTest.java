package dev.polygate.edge.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.edge.grpc.CallProbe.SeenCall;
import dev.polygate.edge.grpc.RestGateway.Answer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request headers become metadata only through the allow list (and grpc-metadata-*); the backend's headers
 * and trailers come back as response headers; the call's deadline comes from the route or the client.
 */
final class MetadataAndDeadlineTest {
    @TempDir
    static Path dir;
    static GrpcBackend backend;
    static RestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        backend = GrpcBackend.start();
        String backendYaml = "upstream: backend, schema: { descriptorSets: [ \"" + RestGateway.descriptorSet(dir) + "\" ] }";
        gateway = RestGateway.start(dir, RestGateway.upstream("backend", backend.port()) + "routes:\n"
                + RestGateway.route("timed", "/timed", null, backendYaml + ", timeout: 300ms")
                + RestGateway.route("listed", "/listed", null, backendYaml + ", rest: { forwardHeaders: [ x-request-id ] }")
                + RestGateway.route("plain", "/", null, backendYaml));
        // Opens the pooled backend connection, so the short deadlines below measure calls, not connection set-up.
        assertThat(gateway.post("/v1/everything:echo", "{}").status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        backend.close();
    }

    private static SeenCall echo(String prefix, String... headers) throws Exception {
        Answer answer = gateway.post(prefix + "/v1/everything:echo", "{}", headers);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        SeenCall seen = backend.probe().last();
        assertThat(seen.method()).isEqualTo("polygate.test.v1.KitchenSink/Echo");
        return seen;
    }

    @Test
    void authorizationAndGrpcMetadataHeadersAreForwardedAndNothingElse() throws Exception {
        SeenCall seen = echo("", "authorization", "Bearer t0ken", "grpc-metadata-x-tenant", "acme",
                "x-secret", "do not forward", "cookie", "session=1", "user-agent-extra", "x");
        assertThat(seen.header("authorization")).isEqualTo("Bearer t0ken");
        assertThat(seen.header("x-tenant")).isEqualTo("acme");
        assertThat(seen.header("x-secret")).isNull();
        assertThat(seen.header("cookie")).isNull();
        assertThat(seen.header("grpc-metadata-x-tenant")).isNull();
    }

    @Test
    void reservedNamesCannotBeSmuggledThroughGrpcMetadata() throws Exception {
        SeenCall seen = echo("", "grpc-metadata-grpc-status", "0", "grpc-metadata-te", "gzip",
                "grpc-metadata-content-type", "text/plain");
        assertThat(seen.header("grpc-status")).isNull();
        assertThat(seen.header("content-type")).isEqualTo("application/grpc");
        assertThat(seen.header("te")).isNull();
    }

    @Test
    void aRouteAllowListReplacesTheDefault() throws Exception {
        SeenCall seen = echo("/listed", "authorization", "Bearer t", "x-request-id", "r-1", "grpc-metadata-x-a", "b");
        assertThat(seen.header("x-request-id")).isEqualTo("r-1");
        assertThat(seen.header("authorization")).isNull();
        assertThat(seen.header("x-a")).as("grpc-metadata-* always travels").isEqualTo("b");
    }

    @Test
    void responseHeadersAndTrailersComeBackAsHeaders() throws Exception {
        Answer answer = gateway.post("/v1/everything:echo", "{}");
        assertThat(answer.header("x-backend-method")).isEqualTo("Echo");
        assertThat(answer.header("x-backend-trailer")).isEqualTo("OK");
        assertThat(answer.headers().firstValue("grpc-status")).as("gRPC's own trailers stay inside").isEmpty();
        assertThat(answer.headers().firstValue("grpc-message")).isEmpty();
    }

    @Test
    void theRouteTimeoutIsTheCallsDeadline() throws Exception {
        long remaining = echo("/timed").deadlineMillis();
        assertThat(remaining).isBetween(1L, 300L);
        assertThat(echo("").deadlineMillis()).as("no route timeout, no client timeout").isEqualTo(-1);
    }

    @Test
    void theClientsGrpcTimeoutIsSentAndCappedByTheRoute() throws Exception {
        assertThat(echo("", "grpc-timeout", "2S").deadlineMillis()).isBetween(1000L, 2000L);
        assertThat(echo("/timed", "grpc-timeout", "10S").deadlineMillis()).isBetween(1L, 300L);
    }

    @Test
    void aSlowBackendPastTheRouteTimeoutIsA504() throws Exception {
        long started = System.nanoTime();
        Answer late = gateway.post("/timed/v1/everything:echo", "{\"stringValue\":\"hang\"}");
        assertThat(late.status()).isEqualTo(504);
        assertThat(late.json().get("code").asInt()).isEqualTo(4);
        assertThat((System.nanoTime() - started) / 1_000_000).isBetween(250L, 5_000L);
        assertThat(backend.kitchenSink().awaitCancelledCall()).as("the backend call is cancelled").isTrue();
        assertThat(gateway.post("/timed/v1/everything:echo", "{}").status()).isEqualTo(200);
    }

    @Test
    void aSlowBackendPastTheClientsTimeoutIsA504() throws Exception {
        Answer late = gateway.post("/v1/everything:echo", "{\"stringValue\":\"hang\"}", "grpc-timeout", "200m");
        assertThat(late.status()).isEqualTo(504);
        assertThat(late.json().get("code").asInt()).isEqualTo(4);
        assertThat(backend.kitchenSink().awaitCancelledCall()).isTrue();
    }
}
