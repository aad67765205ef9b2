package dev.polygate.policies.auth.introspection;

import static dev.polygate.policies.auth.jwt.JwtTestBench.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.MissingNode;
import dev.polygate.policies.auth.AuthMethod;
import dev.polygate.policies.auth.jwt.JwtTestBench;
import dev.polygate.policies.auth.jwt.LoopbackHttpServer;
import dev.polygate.policies.auth.jwt.LoopbackHttpServer.Answer;
import dev.polygate.spi.Consumer;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Principal;
import dev.polygate.spi.testkit.PolicyOutcome;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code introspection} method against a real introspection endpoint on loopback that checks the gateway's client
 * credentials and counts the calls it gets per token.
 */
class IntrospectionMethodTest {
    private static final String CLIENT_SECRET = "s3cret:with&odd=chars";

    @TempDir
    Path directory;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private LoopbackHttpServer server;
    private JwtTestBench bench;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(directory.resolve("client-secret"), CLIENT_SECRET + "\n");
        server = new LoopbackHttpServer(this::introspect);
        bench = new JwtTestBench(directory, Map.of("alice", new Consumer("consumers[0]", "alice", Set.of("staff"),
                MissingNode.getInstance())));
        long later = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
        answers.put("good-token", "{\"active\": true, \"sub\": \"alice\", \"scope\": \"orders:read orders:write\","
                + " \"client_id\": \"shop\", \"exp\": " + later + "}");
        answers.put("service-token", "{\"active\": true, \"client_id\": \"batch\", \"exp\": " + later + "}");
        answers.put("nameless-token", "{\"active\": true, \"exp\": " + later + "}");
        answers.put("expired-token", "{\"active\": true, \"sub\": \"alice\", \"exp\": "
                + Instant.now().minusSeconds(5).getEpochSecond() + "}");
    }

    @AfterEach
    void stop() {
        bench.close();
        server.close();
    }

    /** RFC 7662: a form POST with the client's credentials; unknown tokens are inactive. */
    private Answer introspect(String method, String body, com.sun.net.httpserver.HttpExchange exchange) {
        String expected = "Basic " + Base64.getEncoder().encodeToString(("gateway:" + java.net.URLEncoder.encode(
                CLIENT_SECRET, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        if (!method.equals("POST") || !expected.equals(exchange.getRequestHeaders().getFirst("authorization"))
                || !"application/x-www-form-urlencoded".equals(exchange.getRequestHeaders().getFirst("content-type"))) {
            return new Answer(401, "application/json", "{\"error\": \"invalid_client\"}");
        }
        String token = new QueryStringDecoder("?" + body).parameters().get("token").get(0);
        calls.computeIfAbsent(token, unused -> new AtomicInteger()).incrementAndGet();
        return Answer.json(answers.getOrDefault(token, "{\"active\": false}"));
    }

    private AuthMethod method(URI url, String extra) throws Exception {
        return bench.build(new IntrospectionMethodFactory(), "{\"url\": \"" + url + "\", \"clientId\": \"gateway\","
                + " \"clientSecret\": {\"file\": \"client-secret\"}" + (extra.isEmpty() ? "" : ", " + extra) + "}");
    }

    private int callsFor(String token) {
        return calls.getOrDefault(token, new AtomicInteger()).get();
    }

    @Test
    void anActiveTokenIsAcceptedAndItsAnswerIsReused() throws Exception {
        AuthMethod method = method(server.uri("/introspect"), "");
        PolicyOutcome outcome = bench.run(method, bearer("good-token"));
        assertThat(outcome.proceeded()).isTrue();
        Principal caller = outcome.context().principal().orElseThrow();
        assertThat(caller.consumer()).isEqualTo("alice");
        assertThat(caller.groups()).containsExactly("staff");
        assertThat(caller.scopes()).containsExactlyInAnyOrder("orders:read", "orders:write");
        assertThat(caller.claims()).containsEntry("client_id", "shop");
        assertThat(caller.method()).isEqualTo("introspection");
        assertThat(outcome.passedOn().request().headers().contains("authorization")).isFalse();

        for (int i = 0; i < 5; i++) {
            assertThat(bench.run(method, bearer("good-token")).proceeded()).isTrue();
        }
        assertThat(callsFor("good-token")).isEqualTo(1);
        assertThat(bench.run(method, bearer("service-token")).context().principal()).map(Principal::consumer)
                .hasValue("batch");
        assertThat(bench.run(method, bearer("nameless-token")).rejection().detail()).isEqualTo("token names no caller");
    }

    @Test
    void anInactiveTokenIsRefusedAndThatAnswerIsReusedBriefly() throws Exception {
        AuthMethod method = method(server.uri("/introspect"), "");
        for (String token : List.of("revoked-token", "expired-token")) {
            PolicyOutcome outcome = bench.run(method, bearer(token));
            assertThat(outcome.rejection().kind()).isEqualTo(ErrorKind.UNAUTHENTICATED);
            assertThat(outcome.rejection().detail()).isEqualTo("token inactive");
            assertThat(outcome.rejection().headers().get("www-authenticate")).isEqualTo(
                    "Bearer realm=\"polygate\", error=\"invalid_token\", error_description=\"token inactive\"");
            bench.run(method, bearer(token));
            assertThat(callsFor(token)).isEqualTo(1);
        }
    }

    @Test
    void anActiveAnswerIsNotReusedPastTheTokensExpiry() throws Exception {
        answers.put("brief-token", "{\"active\": true, \"sub\": \"bob\", \"exp\": "
                + (Instant.now().getEpochSecond() + 2) + "}");
        AuthMethod method = method(server.uri("/introspect"), "\"cacheFor\": \"1h\"");
        long started = System.nanoTime();
        assertThat(bench.run(method, bearer("brief-token")).proceeded()).isTrue();
        while (callsFor("brief-token") < 2 && System.nanoTime() - started < Duration.ofSeconds(6).toNanos()) {
            bench.run(method, bearer("brief-token"));
        }
        assertThat(callsFor("brief-token")).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(900));
    }

    @Test
    void concurrentRequestsWithOneTokenShareOneCall() throws Exception {
        AuthMethod method = method(server.uri("/introspect"), "");
        server.holdAnswers();
        assertThat(bench.runWhileHeld(server, 32, () -> bench.run(method, bearer("good-token"))))
                .allSatisfy(outcome -> assertThat(outcome.proceeded()).isTrue());
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void anEndpointThatCannotBeAskedIsA503AndIsNotRemembered() throws Exception {
        URI closed;
        try (LoopbackHttpServer gone = new LoopbackHttpServer(this::introspect)) {
            closed = gone.uri("/introspect");
        }
        assertFailed(bench.run(method(closed, ""), bearer("good-token")), ErrorKind.UPSTREAM_UNAVAILABLE,
                "the token introspection service is unavailable");

        AuthMethod method = method(server.uri("/introspect"), "\"timeout\": \"300ms\"");
        server.answer((verb, body, exchange) -> new Answer(503, "text/plain", "maintenance"));
        assertFailed(bench.run(method, bearer("good-token")), ErrorKind.UPSTREAM_UNAVAILABLE,
                "the token introspection service is unavailable");
        server.answer((verb, body, exchange) -> Answer.json("<html>"));
        assertFailed(bench.run(method, bearer("good-token")), ErrorKind.UPSTREAM_PROTOCOL,
                "the token introspection service gave an unusable answer");
        server.answer((verb, body, exchange) -> Answer.json("{\"sub\": \"alice\"}"));
        assertFailed(bench.run(method, bearer("good-token")), ErrorKind.UPSTREAM_PROTOCOL,
                "the token introspection service gave an unusable answer");
        server.holdAnswers();
        server.answer(this::introspect);
        assertFailed(bench.run(method, bearer("good-token")), ErrorKind.UPSTREAM_UNAVAILABLE,
                "the token introspection service is unavailable");
        server.release();
        assertThat(bench.run(method, bearer("good-token")).proceeded()).isTrue();
    }

    @Test
    void wrongClientCredentialsAreTheGatewaysFaultNotTheCallers() throws Exception {
        Files.writeString(directory.resolve("client-secret"), "wrong");
        assertFailed(bench.run(method(server.uri("/introspect"), ""), bearer("good-token")),
                ErrorKind.UPSTREAM_PROTOCOL, "the token introspection service gave an unusable answer");
    }

    @Test
    void noTokenOrAnOversizedOneNeedsNoCall() throws Exception {
        AuthMethod method = method(server.uri("/introspect"), "\"maxTokenSize\": 100");
        assertThat(bench.run(method, dev.polygate.spi.testkit.TestRequest.get("/")).rejection().detail())
                .isEqualTo("no credential");
        assertThat(bench.run(method, bearer("t".repeat(101))).rejection().detail()).isEqualTo("token too large");
        assertThat(server.requests()).isZero();
    }

    private static void assertFailed(PolicyOutcome outcome, ErrorKind kind, String detail) {
        GatewayException error = outcome.rejection();
        assertThat(error.kind()).isEqualTo(kind);
        assertThat(error.detail()).isEqualTo(detail);
        assertThat(error.logDetail()).contains("/introspect");
    }
}
