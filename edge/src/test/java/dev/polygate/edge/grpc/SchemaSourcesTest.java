package dev.polygate.edge.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.edge.grpc.RestGateway.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same REST API whatever the schema comes from: server reflection alone (the backend is the only source)
 * or .proto source files (google imports resolved from the gateway's classpath).
 */
final class SchemaSourcesTest {
    @TempDir
    Path dir;

    @Test
    void aReflectionOnlyBackend() throws Exception {
        try (GrpcBackend backend = GrpcBackend.startWithReflection();
             RestGateway gateway = RestGateway.start(dir, RestGateway.upstream("backend", backend.port()) + "routes:\n"
                     + RestGateway.route("reflected", "/", null, "upstream: backend, schema: { reflection: true }"))) {
            exerciseTheApi(gateway);
            // Detail types come from the gateway's own registry even when the schema was reflected.
            Answer invalid = gateway.post("/v1/shelves", "{}");
            assertThat(invalid.json().get("details").get(0).get("@type").asText())
                    .isEqualTo("type.googleapis.com/google.rpc.BadRequest");
            Answer reflection = gateway.post("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", "{}");
            assertThat(reflection.status()).as("infrastructure services are not exposed to REST").isEqualTo(404);
        }
    }

    @Test
    void protoSourceFiles() throws Exception {
        Path root = Files.createDirectories(dir.resolve("protos"));
        copyProto(root, "polygate/test/v1/library.proto");
        copyProto(root, "polygate/test/v1/kitchen_sink.proto");
        try (GrpcBackend backend = GrpcBackend.start();
             RestGateway gateway = RestGateway.start(dir, RestGateway.upstream("backend", backend.port()) + "routes:\n"
                     + RestGateway.route("compiled", "/", null, "upstream: backend, schema: { protos: { roots: [ \""
                     + root + "\" ], files: [ polygate/test/v1/library.proto, polygate/test/v1/kitchen_sink.proto ] } }"))) {
            exerciseTheApi(gateway);
        }
    }

    @Test
    void aRouteCanExposeSomeServicesOnly() throws Exception {
        try (GrpcBackend backend = GrpcBackend.start();
             RestGateway gateway = RestGateway.start(dir, RestGateway.upstream("backend", backend.port()) + "routes:\n"
                     + RestGateway.route("library", "/", null, "upstream: backend, services: [ polygate.test.v1.Library ],"
                     + " schema: { descriptorSets: [ \"" + RestGateway.descriptorSet(dir) + "\" ] }"))) {
            assertThat(gateway.post("/polygate.test.v1.Library/Ping", "{}").status()).isEqualTo(200);
            assertThat(gateway.post("/v1/everything:echo", "{}").status()).isEqualTo(404);
        }
    }

    /** Annotated bindings, the generic binding, query parameters, well-known types and a stream. */
    private static void exerciseTheApi(RestGateway gateway) throws Exception {
        Answer created = gateway.post("/v1/shelves?requestId=src", "{\"theme\":\"sources\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().get("createTime").asText()).isEqualTo("2024-01-02T03:04:05.123Z");
        assertThat(gateway.get("/v1/shelves/src?readMask=theme").body()).isEqualTo("{\"theme\":\"sources\"}");
        assertThat(gateway.post("/polygate.test.v1.Library/Ping", "{\"message\":\"m\"}").json().get("message").asText())
                .isEqualTo("pong: m");
        Answer echoed = gateway.get("/v1/everything?level=HIGH&duration=2s&int64Value=5&int32Wrapper=3");
        assertThat(echoed.body()).isEqualTo("{\"int64Value\":\"5\",\"level\":\"HIGH\",\"duration\":\"2s\",\"int32Wrapper\":3}");
        Answer stream = gateway.get("/v1/everything:stream?int32Value=2&stringValue=s");
        assertThat(stream.body()).isEqualTo("{\"int32Value\":1,\"stringValue\":\"s\"}\n{\"int32Value\":2,\"stringValue\":\"s\"}\n");
        assertThat(gateway.send("PATCH", "/v1/shelves/src", "{}").status()).isEqualTo(405);
    }

    private static void copyProto(Path root, String name) throws IOException {
        Path target = root.resolve(name);
        Files.createDirectories(target.getParent());
        try (InputStream in = SchemaSourcesTest.class.getResourceAsStream("/" + name)) {
            Files.copy(in, target);
        }
    }
}
