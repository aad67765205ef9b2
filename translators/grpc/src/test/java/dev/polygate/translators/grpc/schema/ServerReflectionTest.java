package dev.polygate.translators.grpc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import dev.polygate.certs.DevCertificateAuthority;
import dev.polygate.certs.IssuedCertificate;
import dev.polygate.demo.greeter.v1.GreeterGrpc;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.UpstreamConfig;
import dev.polygate.spi.UpstreamConfig.UpstreamTls;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerReflectionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final List<Server> servers = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopServers() throws InterruptedException {
        for (Server server : servers) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void v1ReflectionDescribesEveryServiceWithHttpRules() throws Exception {
        Server server = start(InsecureServerCredentials.create(), new GreeterGrpc.GreeterImplBase() { },
                new HealthStatusManager().getHealthService(), ProtoReflectionServiceV1.newInstance());

        SchemaRegistry registry = load(upstream("h2c", server.getPort(), UpstreamTls.DEFAULT));

        GreeterFixtures.assertHttpRulesKept(registry);
        assertThat(registry.services()).extracting(s -> s.getFullName())
                .containsExactlyInAnyOrder(GreeterFixtures.SERVICE, "grpc.health.v1.Health");
        assertThat(registry.fileContainingSymbol("demo.greeter.v1.Greeter.SayHello"))
                .hasValueSatisfying(f -> assertThat(f.getName()).isEqualTo(GreeterFixtures.FILE));
    }

    @Test
    void fallsBackToV1alpha() throws Exception {
        @SuppressWarnings("deprecation")
        BindableService v1alphaOnly = ProtoReflectionService.newInstance();
        Server server = start(InsecureServerCredentials.create(), new GreeterGrpc.GreeterImplBase() { }, v1alphaOnly);

        SchemaRegistry registry = load(upstream("http", server.getPort(), UpstreamTls.DEFAULT));

        GreeterFixtures.assertHttpRulesKept(registry);
    }

    @Test
    void fetchesMissingImportsByFileName() throws Exception {
        Server server = start(InsecureServerCredentials.create(), new OneFileAtATimeReflection());

        SchemaRegistry registry = load(upstream("h2c", server.getPort(), UpstreamTls.DEFAULT));

        GreeterFixtures.assertHttpRulesKept(registry);
        assertThat(OneFileAtATimeReflection.requestedFiles).containsExactly("demo/greeter/v1/helper.proto");
        assertThat(registry.fileByName("demo/greeter/v1/helper.proto")).isPresent();
    }

    @Test
    void describesOnlyTheNamedServicesThroughTheAsyncApi() throws Exception {
        Server server = start(InsecureServerCredentials.create(), new GreeterGrpc.GreeterImplBase() { },
                new HealthStatusManager().getHealthService(), ProtoReflectionServiceV1.newInstance());
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            SchemaRegistry registry = SchemaLoader.reflect(upstream("h2c", server.getPort(), UpstreamTls.DEFAULT),
                    List.of(GreeterFixtures.SERVICE), TIMEOUT, executor).get(15, TimeUnit.SECONDS);

            assertThat(registry.services()).extracting(s -> s.getFullName()).containsExactly(GreeterFixtures.SERVICE);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void backendWithoutReflectionIsAClearError() throws Exception {
        Server server = start(InsecureServerCredentials.create(), new GreeterGrpc.GreeterImplBase() { });

        assertThatThrownBy(() -> load(upstream("h2c", server.getPort(), UpstreamTls.DEFAULT)))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).extracting(ConfigException.Problem::path).containsExactly("reflection");
                    assertThat(e.getMessage()).contains("upstream 'backend'", "offers no gRPC server reflection",
                            "descriptorSets or protos");
                });
    }

    @Test
    void unreachablePortFailsFastNamingTheUpstream() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        long start = System.nanoTime();

        assertThatThrownBy(() -> load(upstream("h2c", port, UpstreamTls.DEFAULT)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("upstream 'backend'")
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContaining("unreachable");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
    }

    @Test
    void silentPeerFailsWithinTheTimeout() throws Exception {
        // Accepts connections (the kernel's backlog does) but never speaks HTTP/2.
        try (ServerSocket silent = new ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
            Duration timeout = Duration.ofMillis(800);
            SchemaConfig config = new SchemaConfig(List.of(), List.of(), List.of(), true, timeout);
            long start = System.nanoTime();

            assertThatThrownBy(() -> SchemaLoader.load(config, upstream("h2c", silent.getLocalPort(), UpstreamTls.DEFAULT)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("upstream 'backend'")
                    .hasMessageContaining("within 800 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void tlsWithTheBackendsCa() throws Exception {
        DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(dir);
        IssuedCertificate certificate = ca.issueServer(List.of("backend.test"), List.of("127.0.0.1"), Duration.ofHours(1));
        Path chain = dir.resolve("server.pem");
        Path key = dir.resolve("server-key.pem");
        certificate.writeTo(chain, key);
        Server server = start(TlsServerCredentials.create(chain.toFile(), key.toFile()),
                new GreeterGrpc.GreeterImplBase() { }, ProtoReflectionServiceV1.newInstance());

        SchemaRegistry registry = load(upstream("https", server.getPort(),
                new UpstreamTls(ca.caCertificateFile(), "backend.test", false)));
        GreeterFixtures.assertHttpRulesKept(registry);

        assertThatThrownBy(() -> load(upstream("https", server.getPort(), new UpstreamTls(null, "backend.test", false))))
                .as("the JVM's trust store does not know the development CA")
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("upstream 'backend'");
        assertThat(load(upstream("https", server.getPort(), new UpstreamTls(null, null, true))).services()).isNotEmpty();
    }

    private SchemaRegistry load(UpstreamConfig upstream) throws ConfigException {
        return SchemaLoader.load(new SchemaConfig(List.of(), List.of(), List.of(), true, TIMEOUT), upstream);
    }

    private Server start(ServerCredentials credentials, BindableService... services) throws Exception {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), credentials);
        for (BindableService service : services) {
            builder.addService(service);
        }
        Server server = builder.build().start();
        servers.add(server);
        return server;
    }

    private static UpstreamConfig upstream(String scheme, int port, UpstreamTls tls) {
        return new UpstreamConfig("backend", List.of(URI.create(scheme + "://127.0.0.1:" + port)), tls,
                Duration.ofSeconds(1), Duration.ofSeconds(60), 8);
    }

    /** Unlike grpc-java's service, answers file_containing_symbol with the one file, without its imports. */
    static final class OneFileAtATimeReflection extends io.grpc.reflection.v1.ServerReflectionGrpc.ServerReflectionImplBase {
        static final List<String> requestedFiles = new java.util.concurrent.CopyOnWriteArrayList<>();
        private static final FileDescriptorProto HELPER = FileDescriptorProto.newBuilder()
                .setName("demo/greeter/v1/helper.proto").setPackage("demo.greeter.v1").setSyntax("proto3").build();

        OneFileAtATimeReflection() {
            requestedFiles.clear();
        }

        @Override
        public io.grpc.stub.StreamObserver<io.grpc.reflection.v1.ServerReflectionRequest> serverReflectionInfo(
                io.grpc.stub.StreamObserver<io.grpc.reflection.v1.ServerReflectionResponse> responses) {
            return new io.grpc.stub.StreamObserver<>() {
                @Override
                public void onNext(io.grpc.reflection.v1.ServerReflectionRequest request) {
                    var response = io.grpc.reflection.v1.ServerReflectionResponse.newBuilder().setOriginalRequest(request);
                    switch (request.getMessageRequestCase()) {
                        case LIST_SERVICES -> response.setListServicesResponse(io.grpc.reflection.v1.ListServiceResponse
                                .newBuilder().addService(io.grpc.reflection.v1.ServiceResponse.newBuilder()
                                        .setName(GreeterFixtures.SERVICE)));
                        case FILE_CONTAINING_SYMBOL -> response.setFileDescriptorResponse(files(greeterImportingHelper()));
                        case FILE_BY_FILENAME -> {
                            requestedFiles.add(request.getFileByFilename());
                            if (request.getFileByFilename().equals(HELPER.getName())) {
                                response.setFileDescriptorResponse(files(HELPER));
                            } else {
                                response.setErrorResponse(io.grpc.reflection.v1.ErrorResponse.newBuilder()
                                        .setErrorCode(io.grpc.Status.Code.NOT_FOUND.value()));
                            }
                        }
                        default -> response.setErrorResponse(io.grpc.reflection.v1.ErrorResponse.newBuilder()
                                .setErrorCode(io.grpc.Status.Code.UNIMPLEMENTED.value()));
                    }
                    responses.onNext(response.build());
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    responses.onCompleted();
                }
            };
        }

        private static FileDescriptorProto greeterImportingHelper() {
            return GreeterFixtures.descriptorSet().getFileList().stream()
                    .filter(f -> f.getName().equals(GreeterFixtures.FILE)).findFirst().orElseThrow()
                    .toBuilder().addDependency(HELPER.getName()).build();
        }

        private static io.grpc.reflection.v1.FileDescriptorResponse files(FileDescriptorProto file) {
            return io.grpc.reflection.v1.FileDescriptorResponse.newBuilder().addFileDescriptorProto(file.toByteString()).build();
        }
    }
}
