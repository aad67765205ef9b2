package dev.polygate.edge.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.polygate.edge.grpc.CallProbe.SeenCall;
import dev.polygate.edge.grpc.RestGateway.Answer;
import dev.polygate.policies.auth.consumers.ApiKeyDigest;
import dev.polygate.test.v1.Everything;
import dev.polygate.test.v1.KitchenSinkGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code auth} and {@code authorize} on a grpc route: REST/JSON, gRPC-Web, native gRPC and WebSocket clients are
 * authenticated by the same API key and authorized by the same rules, per operation, each refused in its own
 * protocol (401 / UNAUTHENTICATED 16 without a caller, 403 / PERMISSION_DENIED 7 outside the rule); the identity
 * reaches the backend as metadata, and a client cannot forge it.
 */
final class AuthOnGrpcRoutesTest {
    private static final String ECHO = "/polygate.test.v1.KitchenSink/Echo";
    private static final byte[] EMPTY_MESSAGE = {0, 0, 0, 0, 0};

    @TempDir
    static Path dir;
    static GrpcBackend backend;
    static RestGateway gateway;
    static ManagedChannel channel;

    @BeforeAll
    static void start() throws Exception {
        backend = GrpcBackend.start();
        gateway = RestGateway.start(dir, """
                consumers:
                  - { name: alice, groups: [ partners ], credentials: { apiKeys: [ { hash: "%s" } ] } }
                  - { name: carol, groups: [ staff ], credentials: { apiKeys: [ { hash: "%s" } ] } }
                  - { name: dave, groups: [ partners, streamers ], credentials: { apiKeys: [ { hash: "%s" } ] } }
                """.formatted(ApiKeyDigest.of("alice-key"), ApiKeyDigest.of("carol-key"), ApiKeyDigest.of("dave-key"))
                + RestGateway.upstream("backend", backend.port()) + """
                routes:
                  - name: all
                    match: { prefix: / }
                    translator: grpc
                    backend:
                      upstream: backend
                      schema: { descriptorSets: [ "%s" ] }
                      rest: { forwardHeaders: [ x-consumer, x-consumer-groups ] }
                    policies:
                      - auth: { anyOf: [ { apiKey: { header: x-api-key } } ] }
                      - authorize:
                          groups: [ partners ]
                          operations:
                            "polygate.test.v1.KitchenSink/EchoStream": { groups: [ streamers ] }
                """.formatted(RestGateway.descriptorSet(dir)));
        channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.gateway().httpPort()).usePlaintext().build();
    }

    @AfterAll
    static void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        gateway.close();
        backend.close();
    }

    private static Answer grpcWeb(String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(ECHO)).timeout(RestGateway.TIMEOUT)
                .header("content-type", "application/grpc-web+proto")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EMPTY_MESSAGE));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = gateway.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers(), response.body());
    }

    private static Everything nativeEcho(String apiKey, String forgedConsumer) {
        Metadata metadata = new Metadata();
        if (apiKey != null) {
            metadata.put(Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER), apiKey);
        }
        if (forgedConsumer != null) {
            metadata.put(Metadata.Key.of("x-consumer", Metadata.ASCII_STRING_MARSHALLER), forgedConsumer);
        }
        return KitchenSinkGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
                .echo(Everything.newBuilder().setStringValue("hi").build());
    }

    private static HttpResponse<?> refusedHandshake(String path, String apiKey) {
        WebSocket.Builder builder = gateway.client().newWebSocketBuilder().subprotocols("json");
        if (apiKey != null) {
            builder.header("x-api-key", apiKey);
        }
        CompletionException failed = catchThrowableOfType(CompletionException.class, () -> builder.buildAsync(
                URI.create("ws://127.0.0.1:" + gateway.gateway().httpPort() + path), new WebSocket.Listener() { })
                .join());
        assertThat(failed).as("the handshake is refused").isNotNull();
        assertThat(failed.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) failed.getCause()).getResponse();
    }

    @Test
    void restClientsGet401Or403AsGoogleRpcStatusAndThePartnerPassesWithItsIdentity() throws Exception {
        Answer anonymous = gateway.post("/v1/everything:echo", "{}");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asInt()).isEqualTo(16);
        assertThat(anonymous.header("www-authenticate")).isEqualTo("ApiKey realm=\"polygate\", in=\"header\", name=\"x-api-key\"");

        Answer staff = gateway.post("/v1/everything:echo", "{}", "x-api-key", "carol-key");
        assertThat(staff.status()).isEqualTo(403);
        assertThat(staff.json().get("code").asInt()).isEqualTo(7);

        Answer partner = gateway.post("/v1/everything:echo", "{\"stringValue\":\"hi\"}", "x-api-key", "alice-key",
                "grpc-metadata-x-consumer", "admin");
        assertThat(partner.status()).as(partner.body()).isEqualTo(200);
        SeenCall seen = backend.probe().last();
        assertThat(seen.header("x-consumer")).isEqualTo("alice");
        assertThat(seen.header("x-consumer-groups")).isEqualTo("partners");
        assertThat(seen.header("x-api-key")).isNull();
    }

    @Test
    void anOperationsOwnRuleDecidesForThatOperation() throws Exception {
        Answer partner = gateway.get("/v1/everything:stream?stringValue=s", "x-api-key", "alice-key");
        assertThat(partner.status()).as("partners may echo, not stream").isEqualTo(403);
        assertThat(partner.body()).contains("streamers");
        Answer streamer = gateway.get("/v1/everything:stream?stringValue=s", "x-api-key", "dave-key");
        assertThat(streamer.status()).as(streamer.body()).isEqualTo(200);
    }

    @Test
    void grpcWebClientsGetStatus16Or7AndThePartnerPasses() throws Exception {
        Answer anonymous = grpcWeb();
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.header("grpc-status")).isEqualTo("16");
        assertThat(anonymous.header("www-authenticate")).startsWith("ApiKey ");
        assertThat(grpcWeb("x-api-key", "carol-key").header("grpc-status")).isEqualTo("7");

        Answer partner = grpcWeb("x-api-key", "alice-key", "x-consumer", "admin");
        assertThat(partner.status()).isEqualTo(200);
        assertThat(partner.header("grpc-status")).as("a success ends with its trailers in the body").isNull();
        assertThat(backend.probe().last().header("x-consumer")).isEqualTo("alice");
    }

    @Test
    void nativeGrpcClientsAreRefusedWithTheirStatusAndThePartnersIdentityCannotBeForged() {
        assertThat(catchThrowableOfType(StatusRuntimeException.class, () -> nativeEcho(null, null)).getStatus()
                .getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(catchThrowableOfType(StatusRuntimeException.class, () -> nativeEcho("carol-key", null))
                .getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);

        assertThat(nativeEcho("alice-key", "admin").getStringValue()).isEqualTo("hi");
        SeenCall seen = backend.probe().last();
        assertThat(seen.header("x-consumer")).isEqualTo("alice");
        assertThat(seen.headers().getAll(Metadata.Key.of("x-consumer", Metadata.ASCII_STRING_MARSHALLER)))
                .containsExactly("alice");
        assertThat(seen.header("x-api-key")).isNull();
    }

    @Test
    void webSocketHandshakesAreRefusedWith401Or403AndThePartnerIsLetIn() throws Exception {
        assertThat(refusedHandshake("/v1/everything:echo", null).statusCode()).isEqualTo(401);
        assertThat(refusedHandshake("/v1/everything:echo", "carol-key").statusCode()).isEqualTo(403);
        assertThat(refusedHandshake(ECHO, "carol-key").statusCode()).isEqualTo(403);

        WebSocket session = gateway.client().newWebSocketBuilder().subprotocols("json").header("x-api-key", "dave-key")
                .buildAsync(URI.create("ws://127.0.0.1:" + gateway.gateway().httpPort() + "/v1/everything:echo"),
                        new WebSocket.Listener() { })
                .get(10, TimeUnit.SECONDS);
        assertThat(session.getSubprotocol()).isEqualTo("json");
        session.abort();
    }
}
