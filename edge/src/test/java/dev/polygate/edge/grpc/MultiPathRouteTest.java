package dev.polygate.edge.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polygate.edge.grpc.RestGateway.Answer;
import dev.polygate.test.v1.Everything;
import dev.polygate.test.v1.GetShelfRequest;
import dev.polygate.test.v1.KitchenSinkGrpc;
import dev.polygate.test.v1.LibraryGrpc;
import dev.polygate.test.v1.PingRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One grpc route with two paths, its REST bindings and its gRPC service path, in front of a grpc-java backend:
 * REST/JSON clients and native gRPC clients both reach the backend through it, and nothing else does.
 */
final class MultiPathRouteTest {
    @TempDir
    static Path dir;
    static GrpcBackend backend;
    static RestGateway gateway;
    static ManagedChannel channel;

    @BeforeAll
    static void start() throws Exception {
        backend = GrpcBackend.start();
        gateway = RestGateway.start(dir, RestGateway.upstream("backend", backend.port()) + """
                routes:
                  - name: library
                    match: { paths: [ "/v1/shelves/**", "/polygate.test.v1.Library/*" ] }
                    translator: grpc
                    backend: { upstream: backend, schema: { descriptorSets: [ "%s" ] } }
                """.formatted(RestGateway.descriptorSet(dir)));
        channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.gateway().httpPort()).usePlaintext().build();
    }

    @AfterAll
    static void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        gateway.close();
        backend.close();
    }

    private static LibraryGrpc.LibraryBlockingStub library() {
        return LibraryGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @Test
    void restClientsAndGrpcClientsReachTheSameBackendThroughTheOneRoute() throws Exception {
        Answer created = gateway.post("/v1/shelves?requestId=multi", "{\"theme\":\"two paths\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(gateway.get("/v1/shelves/multi").json().get("theme").asText()).isEqualTo("two paths");

        assertThat(library().getShelf(GetShelfRequest.newBuilder().setName("shelves/multi").build()).getTheme())
                .isEqualTo("two paths");
        assertThat(library().ping(PingRequest.newBuilder().setMessage("grpc").build()).getMessage())
                .isEqualTo("pong: grpc");
    }

    @Test
    void theGrpcPathAlsoServesItsRestBinding() throws Exception {
        Answer pong = gateway.post("/polygate.test.v1.Library/Ping", "{\"message\":\"rest\"}");
        assertThat(pong.status()).as(pong.body()).isEqualTo(200);
        assertThat(pong.json().get("message").asText()).isEqualTo("pong: rest");
    }

    @Test
    void pathsTheRouteDoesNotListAreNotRoutedToIt() throws Exception {
        // Bindings of the same schema outside the route's paths: the edge finds no route.
        Answer rest = gateway.get("/v1/everything?int64Value=5");
        assertThat(rest.status()).isEqualTo(404);
        assertThat(rest.header("content-type")).isEqualTo("application/problem+json");
        assertThat(gateway.get("/v1/books/1").status()).isEqualTo(404);
        assertThatThrownBy(() -> KitchenSinkGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .echo(Everything.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
        assertThat(library().ping(PingRequest.newBuilder().setMessage("still").build()).getMessage())
                .isEqualTo("pong: still");
    }
}
