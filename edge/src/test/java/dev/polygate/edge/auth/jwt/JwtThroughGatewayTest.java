package dev.polygate.edge.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.PlainJWT;
import dev.polygate.policies.auth.jwt.LoopbackHttpServer;
import dev.polygate.policies.auth.jwt.TestTokens;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code jwt} method of the {@code auth} policy through a real gateway, with a real JWKS server on loopback that
 * the tests rotate and stop, real HTTP, gRPC-Web and WebSocket clients, and a real backend that shows what reached
 * it: every bypass attempt of the issue is refused and the gateway keeps serving.
 */
class JwtThroughGatewayTest {
    private static final RSAKey KEY = TestTokens.rsa("2025-a");
    private static final RSAKey NEXT = TestTokens.rsa("2025-b");
    /** RFC 6750 section 3.1: the challenge of a refused token names the error; a missing token's does not. */
    private static final String REFUSED_CHALLENGE = "Bearer realm=\"polygate\", error=\"invalid_token\", ";

    @TempDir
    Path directory;
    private final AtomicReference<String> published = new AtomicReference<>(TestTokens.jwks(KEY));
    private LoopbackHttpServer jwks;
    private TokenGateway gateway;

    @BeforeEach
    void start() {
        jwks = LoopbackHttpServer.serving(published);
        gateway = new TokenGateway(directory);
    }

    @AfterEach
    void stop() {
        gateway.close();
        jwks.close();
    }

    private static String route(URI jwksUrl, String more) {
        return "  - name: orders\n    match: { prefix: /orders }\n    backend: { upstream: backend }\n"
                + "    policies:\n      - auth:\n          forward: { subject: x-subject }\n"
                + "          anyOf:\n            - jwt: { jwksUrl: \"" + jwksUrl + "\", issuer: \"" + TestTokens.ISSUER
                + "\", audiences: [ \"" + TestTokens.AUDIENCE + "\" ], algorithms: [ RS256 ], maxTokenSize: 4KiB"
                + (more.isEmpty() ? "" : ", " + more) + " }\n";
    }

    private static String token(RSAKey key) {
        return TestTokens.signed(key, TestTokens.claims().build());
    }

    @Test
    void aValidTokenReachesTheBackendAsItsConsumerAndTheTokenDoesNot() throws Exception {
        gateway.start("", route(jwks.uri("/jwks"), ""));
        HttpResponse<String> response = gateway.bearer("/orders/7", token(KEY));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("uri: /orders/7\n", "x-consumer: alice\n", "x-consumer-groups: staff\n",
                "x-subject: alice\n").doesNotContain("authorization");

        HttpResponse<String> none = gateway.get("/orders/7");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(none.headers().allValues("www-authenticate")).containsExactly("Bearer realm=\"polygate\"");
    }

    @Test
    void everyBypassAttemptIsRefusedAndTheGatewayKeepsServing() throws Exception {
        gateway.start("", route(jwks.uri("/jwks"), "leeway: 30s"));
        Instant now = Instant.now();
        String header = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"2025-a\"}").toString();
        Map<String, String> attempts = new LinkedHashMap<>();
        attempts.put("alg none", new PlainJWT(TestTokens.claims().build()).serialize());
        attempts.put("alg none with a signature", header + "." + TestTokens.claims().build().toPayload().toBase64URL()
                + "." + Base64URL.encode("sig"));
        attempts.put("HS256 signed with the RSA public key", TestTokens.hmac(KEY.toRSAPublicKey().getEncoded(),
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("2025-a").build(), TestTokens.claims().build()));
        attempts.put("expired beyond the leeway", TestTokens.signed(KEY, TestTokens.claims()
                .expirationTime(Date.from(now.minusSeconds(60))).build()));
        attempts.put("not yet valid beyond the leeway", TestTokens.signed(KEY, TestTokens.claims()
                .notBeforeTime(Date.from(now.plusSeconds(60))).build()));
        attempts.put("wrong audience", TestTokens.signed(KEY, TestTokens.claims().audience("api://billing").build()));
        attempts.put("wrong issuer", TestTokens.signed(KEY, TestTokens.claims().issuer("https://evil.test/").build()));
        attempts.put("unknown kid", token(TestTokens.rsa("forged")));
        attempts.put("signed by another key under the right kid", token(TestTokens.rsa("2025-a")));
        attempts.put("oversized", TestTokens.signed(KEY, TestTokens.claims().claim("pad", "x".repeat(5000)).build()));
        attempts.put("garbage", "%%%.@@@.!!!");
        for (Map.Entry<String, String> attempt : attempts.entrySet()) {
            HttpResponse<String> refused = gateway.bearer("/orders/1", attempt.getValue());
            assertThat(refused.statusCode()).as(attempt.getKey()).isEqualTo(401);
            assertThat(refused.body()).as(attempt.getKey()).contains("\"code\":\"UNAUTHENTICATED\"")
                    .doesNotContain("uri:");
            assertThat(refused.headers().allValues("www-authenticate")).as(attempt.getKey()).singleElement()
                    .asString().startsWith(REFUSED_CHALLENGE).endsWith("\"").doesNotContain(attempt.getValue())
                    .matches(".*error_description=\"[a-z ]{1,40}\"");
        }
        assertThat(gateway.bearer("/orders/1", TestTokens.signed(KEY, TestTokens.claims()
                .expirationTime(Date.from(now.minusSeconds(10))).build())).statusCode())
                .as("expired within the leeway").isEqualTo(200);

        HttpResponse<String> grpcWeb = gateway.client().send(HttpRequest.newBuilder(gateway.uri("http", "/orders/1"))
                .header("content-type", "application/grpc-web+proto").header("authorization", "Bearer " + token(NEXT))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, 0, 0, 0, 0})).timeout(TokenGateway.TIMEOUT)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(grpcWeb.headers().firstValue("grpc-status")).hasValue("16");
        assertThat(grpcWeb.headers().firstValue("www-authenticate"))
                .hasValue(REFUSED_CHALLENGE + "error_description=\"unknown key\"");
        assertThat(gateway.bearer("/orders/1", token(KEY)).statusCode()).isEqualTo(200);
    }

    @Test
    void aNativeGrpcCallWithARefusedTokenIsUnauthenticatedAndItsTrailersNameTheError() throws Exception {
        gateway.start("", route(jwks.uri("/jwks"), "").replace("/orders", "/polygate.test.v1.KitchenSink"));
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.uri("http", "/").getPort())
                .usePlaintext().build();
        try {
            StatusRuntimeException refused = grpcEcho(channel, token(TestTokens.rsa("forged")));
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(refused.getStatus().getDescription()).isEqualTo("unknown key");
            assertThat(refused.getTrailers().get(WWW_AUTHENTICATE))
                    .isEqualTo(REFUSED_CHALLENGE + "error_description=\"unknown key\"");

            StatusRuntimeException missing = grpcEcho(channel, null);
            assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(missing.getTrailers().get(WWW_AUTHENTICATE)).isEqualTo("Bearer realm=\"polygate\"");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static final Metadata.Key<String> WWW_AUTHENTICATE = Metadata.Key.of("www-authenticate",
            Metadata.ASCII_STRING_MARSHALLER);

    private static StatusRuntimeException grpcEcho(ManagedChannel channel, String token) {
        Metadata metadata = new Metadata();
        if (token != null) {
            metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        return catchThrowableOfType(() -> KitchenSinkGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
                .echo(Everything.newBuilder().setStringValue("hi").build()), StatusRuntimeException.class);
    }

    @Test
    void manyRequestsNamingAnUnknownKidFetchTheKeySetNoMoreOftenThanMinInterval() throws Exception {
        gateway.start("", route(jwks.uri("/jwks"), "refresh: { minInterval: 1h }"));
        assertThat(gateway.bearer("/orders/1", token(KEY)).statusCode()).isEqualTo(200);
        String unknown = token(TestTokens.rsa("never-published"));
        List<CompletableFuture<HttpResponse<String>>> storm = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            storm.add(gateway.client().sendAsync(HttpRequest.newBuilder(gateway.uri("http", "/orders/" + i))
                    .header("authorization", "Bearer " + unknown).timeout(TokenGateway.TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : storm) {
            assertThat(response.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(401);
        }
        assertThat(jwks.requests()).as("the fetch made when the configuration was built, and no other").isEqualTo(1);
    }

    @Test
    void aRotatedKeyIsUsedWithoutRestartAndAReloadDoesNotRefetch() throws Exception {
        String routes = route(jwks.uri("/jwks"), "refresh: { minInterval: 200ms }");
        gateway.start("", routes);
        assertThat(gateway.bearer("/orders/1", token(KEY)).statusCode()).isEqualTo(200);

        published.set(TestTokens.jwks(NEXT));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int status = gateway.bearer("/orders/1", token(NEXT)).statusCode();
        while (status != 200 && System.nanoTime() < deadline) { // the refetch waits out minInterval
            status = gateway.bearer("/orders/1", token(NEXT)).statusCode();
        }
        assertThat(status).isEqualTo(200);
        assertThat(gateway.bearer("/orders/1", token(KEY)).statusCode()).as("the removed key").isEqualTo(401);

        int fetched = jwks.requests();
        assertThat(gateway.reload("", routes.replace("maxTokenSize: 4KiB", "maxTokenSize: 6KiB"))).isTrue();
        assertThat(gateway.bearer("/orders/1", token(NEXT)).statusCode()).isEqualTo(200);
        assertThat(jwks.requests()).as("the reloaded configuration uses the keys already fetched").isEqualTo(fetched);
    }

    @Test
    void fetchedKeysKeepServingWhileTheJwksServerIsDownAndWithoutKeysItIsA503() throws Exception {
        URI closed;
        try (LoopbackHttpServer gone = LoopbackHttpServer.serving(published)) {
            closed = gone.uri("/jwks");
        }
        gateway.start("", route(jwks.uri("/jwks"), "refresh: { minInterval: 0, cacheFor: 0 }")
                + route(closed, "").replace("name: orders", "name: unreachable").replace("/orders", "/unreachable"));
        assertThat(gateway.bearer("/orders/1", token(KEY)).statusCode()).isEqualTo(200);
        jwks.close();
        for (int i = 0; i < 3; i++) {
            assertThat(gateway.bearer("/orders/1", token(KEY)).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> unavailable = gateway.bearer("/unreachable/1", token(KEY));
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.body()).contains("the token issuer's keys are unavailable").doesNotContain("127.0.0.1");
    }

    @Test
    void aBrowserWebSocketPassesItsTokenAsASubprotocolNextToTheOneItSpeaks() throws Exception {
        try (SubprotocolEchoBackend backend = new SubprotocolEchoBackend()) {
            gateway.start("  live: { endpoints: [ \"ws://127.0.0.1:" + backend.port() + "\" ] }\n",
                    "  - name: live\n    match: { prefix: /live }\n    translator: websocket\n"
                            + "    backend: { upstream: live }\n    policies:\n      - auth:\n          anyOf:\n"
                            + "            - jwt: { jwksUrl: \"" + jwks.uri("/jwks") + "\", issuer: \""
                            + TestTokens.ISSUER + "\", audiences: [ \"" + TestTokens.AUDIENCE
                            + "\" ], algorithms: [ RS256 ], from: { subprotocol: true } }\n");
            URI live = gateway.uri("ws", "/live");

            WebSocketHandshakeException refused = catchThrowableOfType(() -> open(live, "graphql-ws"),
                    WebSocketHandshakeException.class);
            assertThat(refused.getResponse().statusCode()).isEqualTo(401);
            assertThat(refused.getResponse().headers().firstValue("www-authenticate"))
                    .hasValue("Bearer realm=\"polygate\"");
            HttpResponse<?> unknownKey = catchThrowableOfType(() -> open(live, "graphql-ws",
                    "bearer." + token(NEXT)), WebSocketHandshakeException.class).getResponse();
            assertThat(unknownKey.statusCode()).isEqualTo(401);
            assertThat(unknownKey.headers().firstValue("www-authenticate"))
                    .hasValue(REFUSED_CHALLENGE + "error_description=\"unknown key\"");

            CompletableFuture<CharSequence> echoed = new CompletableFuture<>();
            WebSocket session = gateway.client().newWebSocketBuilder().subprotocols("graphql-ws", "bearer." + token(KEY))
                    .buildAsync(live, new WebSocket.Listener() {
                        @Override
                        public CompletableFuture<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            echoed.complete(data);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            assertThat(session.getSubprotocol()).isEqualTo("graphql-ws");
            session.sendText("hello", true);
            assertThat(echoed.get(10, TimeUnit.SECONDS).toString()).isEqualTo("echo: hello");
            session.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            assertThat(backend.offers()).as("the backend never sees the token offered").containsExactly(
                    List.of("graphql-ws"));

            WebSocket tokenOnly = open(live, "bearer." + token(KEY));
            assertThat(tokenOnly.getSubprotocol()).as("the token is never the answered subprotocol").isEmpty();
            tokenOnly.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            assertThat(backend.offers()).as("offering only the token, the backend is offered nothing")
                    .containsExactly(List.of("graphql-ws"), List.of());
        }
    }

    private WebSocket open(URI uri, String mostPreferred, String... others) throws Exception {
        try {
            return gateway.client().newWebSocketBuilder().subprotocols(mostPreferred, others)
                    .buildAsync(uri, new WebSocket.Listener() { }).join();
        } catch (CompletionException e) {
            throw (Exception) e.getCause();
        }
    }
}
