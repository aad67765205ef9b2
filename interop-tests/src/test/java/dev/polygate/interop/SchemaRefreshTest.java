package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.demo.greeter.v1.GreeterGrpc;
import dev.polygate.demo.greeter.v1.HelloReply;
import dev.polygate.demo.greeter.v1.HelloRequest;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.stub.StreamObserver;
import io.grpc.testing.integration.TestServiceImpl;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route whose schema comes only from the backend's server reflection: REST calls are transcoded with what
 * reflection described at start-up, and {@code POST /refresh} on the admin API picks up services the backend
 * gained since, without a restart or a reload.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SchemaRefreshTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void refreshLearnsServicesTheBackendGained(@TempDir Path dir) throws Exception {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        Server before = start(0, new Greeter());
        int port = before.getPort();
        Server after = null;
        try (GatewayProcess gateway = GatewayProcess.start(List.of("-Xmx128m"), "run", "--config",
                config(dir, port).toString())) {
            int http = gateway.port("http");
            assertThat(post(http, "/v1/greeter", "{\"name\":\"ada\"}").body()).isEqualTo("{\"message\":\"Hello, ada!\"}");
            HttpResponse<String> unknown = post(http, "/grpc.testing.TestService/EmptyCall", "{}");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("\"code\":5");

            before.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            after = start(port, new Greeter(), new TestServiceImpl(executor));
            HttpResponse<String> refreshed = post(gateway.port("admin"), "/refresh", "");
            assertThat(refreshed.statusCode()).isEqualTo(200);
            assertThat(refreshed.body()).contains("\"route\":\"api\"", "\"status\":\"refreshed\"",
                    "grpc.testing.TestService");

            HttpResponse<String> known = post(http, "/grpc.testing.TestService/EmptyCall", "{}");
            assertThat(known.statusCode()).isEqualTo(200);
            assertThat(known.body()).isEqualTo("{}");
            assertThat(post(http, "/v1/greeter", "{\"name\":\"bo\"}").body()).isEqualTo("{\"message\":\"Hello, bo!\"}");
        } finally {
            before.shutdownNow();
            if (after != null) {
                after.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            executor.shutdownNow();
        }
    }

    private static Server start(int port, BindableService... services) throws Exception {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .addService(ProtoReflectionServiceV1.newInstance());
        for (BindableService service : services) {
            builder.addService(service);
        }
        return builder.build().start();
    }

    private HttpResponse<String> post(int port, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path config(Path dir, int backendPort) throws Exception {
        Path config = dir.resolve("refresh.yaml");
        Files.writeString(config, """
                reload: { watch: false }
                admin: { port: 0 }
                listeners:
                  - { name: http, address: 127.0.0.1, port: 0 }
                upstreams:
                  backend: { endpoints: [ "h2c://127.0.0.1:%d" ] }
                routes:
                  - name: api
                    match: { prefix: / }
                    translator: grpc
                    backend:
                      upstream: backend
                      schema: { reflection: true, reflectionTimeout: 5s }
                """.formatted(backendPort));
        return config;
    }

    private static final class Greeter extends GreeterGrpc.GreeterImplBase {
        @Override
        public void sayHello(HelloRequest request, StreamObserver<HelloReply> replies) {
            replies.onNext(HelloReply.newBuilder().setMessage("Hello, " + request.getName() + "!").build());
            replies.onCompleted();
        }
    }
}
