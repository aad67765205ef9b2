package dev.polygate.edge.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.edge.testing.RunningGateway;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways in one JVM, each exposing another service of the same backend: the reflection of each lists its own
 * routes' services only, since the catalog reflection reads belongs to the gateway, not to the JVM.
 */
class ReflectionCatalogPerGatewayTest {
    private static final String LIBRARY = "polygate.test.v1.Library";
    private static final String KITCHEN_SINK = "polygate.test.v1.KitchenSink";

    @TempDir
    static Path dir;
    private static GrpcBackend backend;
    private static RunningGateway library;
    private static RunningGateway kitchenSink;

    @BeforeAll
    static void start() throws Exception {
        backend = GrpcBackend.start();
        library = RunningGateway.start(dir, null, routes(LIBRARY));
        kitchenSink = RunningGateway.start(dir, null, routes(KITCHEN_SINK));
    }

    @AfterAll
    static void stop() throws Exception {
        kitchenSink.close();
        library.close();
        backend.close();
    }

    @Test
    void eachGatewayListsOnlyTheServicesOfItsOwnRoutes() throws Exception {
        assertThat(listedServices(library)).contains(LIBRARY).doesNotContain(KITCHEN_SINK);
        assertThat(listedServices(kitchenSink)).contains(KITCHEN_SINK).doesNotContain(LIBRARY);
    }

    @Test
    void closingOneGatewayLeavesTheOthersCatalogAlone() throws Exception {
        try (RunningGateway third = RunningGateway.start(dir, null, routes(LIBRARY))) {
            assertThat(listedServices(third)).contains(LIBRARY);
        }
        assertThat(listedServices(library)).contains(LIBRARY);
    }

    private static String routes(String service) {
        return RestGateway.upstream("backend", backend.port()) + """
                routes:
                  - name: api
                    match: { prefix: "/" }
                    translator: grpc
                    backend: { upstream: backend, services: [ %s ], schema: { descriptorSets: [ "%s" ] } }
                  - name: reflection
                    match: { path: "/grpc.reflection.v1.ServerReflection/*" }
                    translator: grpc-reflection
                    backend: {}
                """.formatted(service, RestGateway.descriptorSet(dir));
    }

    /** The services the gateway's own reflection lists, asked by grpc-java's reflection stub over h2c. */
    private static List<String> listedServices(RunningGateway gateway) throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.httpPort()).usePlaintext().build();
        try {
            CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
            StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                    .serverReflectionInfo(new StreamObserver<>() {
                        @Override
                        public void onNext(ServerReflectionResponse response) {
                            answer.complete(response);
                        }

                        @Override
                        public void onError(Throwable t) {
                            answer.completeExceptionally(t);
                        }

                        @Override
                        public void onCompleted() {
                            answer.completeExceptionally(new AssertionError("no answer"));
                        }
                    });
            requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
            requests.onCompleted();
            return answer.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
                    .map(ServiceResponse::getName).toList();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
