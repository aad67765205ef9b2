package dev.polygate.policies.auth.jwt;

import static dev.polygate.policies.auth.jwt.JwtTestBench.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import dev.polygate.policies.auth.AuthMethod;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.testkit.PolicyOutcome;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the {@code jwt} method keeps the keys of a JWKS URL, against a real JWKS server on loopback that the tests
 * rotate, slow down and stop: rotation without restart, no refetch storm, one shared fetch, keys kept across a
 * reload and through an outage.
 */
class JwksRefreshTest {
    private static final RSAKey OLD = TestTokens.rsa("2024-old");
    private static final RSAKey NEW = TestTokens.rsa("2025-new");

    @TempDir
    Path directory;
    private final AtomicReference<String> published = new AtomicReference<>(TestTokens.jwks(OLD));
    private LoopbackHttpServer jwks;
    private JwtTestBench bench;

    @BeforeEach
    void start() {
        jwks = LoopbackHttpServer.serving(published);
        bench = new JwtTestBench(directory, Map.of());
    }

    @AfterEach
    void stop() {
        bench.close();
        jwks.close();
    }

    private AuthMethod method(URI url, String refresh) throws Exception {
        return bench.build(new JwtMethodFactory(), "{\"jwksUrl\": \"" + url + "\", \"issuer\": \"" + TestTokens.ISSUER
                + "\", \"audiences\": \"" + TestTokens.AUDIENCE + "\", \"algorithms\": [\"RS256\"], \"refresh\": "
                + refresh + "}");
    }

    private static String token(RSAKey key) {
        return TestTokens.signed(key, TestTokens.claims().build());
    }

    @Test
    void aRotatedKeyIsPickedUpWithoutRestartAndTheRemovedKeyStopsWorking() throws Exception {
        AuthMethod method = method(jwks.uri("/jwks"), "{\"minInterval\": \"200ms\"}");
        assertThat(bench.run(method, bearer(token(OLD))).proceeded()).isTrue();

        published.set(TestTokens.jwks(NEW));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        PolicyOutcome withNew = bench.run(method, bearer(token(NEW)));
        while (!withNew.proceeded() && System.nanoTime() < deadline) { // a refetch waits out minInterval
            assertThat(withNew.rejection().detail()).isEqualTo("unknown key");
            withNew = bench.run(method, bearer(token(NEW)));
        }
        assertThat(withNew.proceeded()).isTrue();
        assertThat(bench.run(method, bearer(token(OLD))).rejection().detail()).isEqualTo("unknown key");
        assertThat(jwks.requests()).isBetween(2, 4);
    }

    @Test
    void anUnknownKidThatKeepsFailingFetchesAtMostOncePerMinInterval() throws Exception {
        AuthMethod method = method(jwks.uri("/jwks"), "{\"minInterval\": \"1s\"}");
        String unknown = token(TestTokens.rsa("never-published"));
        long started = System.nanoTime();
        int attempts = 0;
        while (System.nanoTime() - started < Duration.ofMillis(2500).toNanos()) {
            assertThat(bench.run(method, bearer(unknown)).rejection().detail()).isEqualTo("unknown key");
            attempts++;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(attempts).isGreaterThan(50);
        // the warm-up fetch, then at most one per second of trying
        assertThat(jwks.requests()).isBetween(2, 1 + (int) Math.ceil(seconds));
    }

    @Test
    void concurrentRequestsShareTheFetchUnderWay() throws Exception {
        jwks.holdAnswers();
        AuthMethod method = method(jwks.uri("/jwks"), "{}");
        assertThat(bench.runWhileHeld(jwks, 32, () -> bench.run(method, bearer(token(OLD)))))
                .allSatisfy(outcome -> assertThat(outcome.proceeded()).isTrue());
        assertThat(jwks.requests()).isEqualTo(1);
    }

    @Test
    void aReloadKeepsTheFetchedKeys() throws Exception {
        AuthMethod before = method(jwks.uri("/jwks"), "{}");
        assertThat(bench.run(before, bearer(token(OLD))).proceeded()).isTrue();
        AuthMethod after = method(jwks.uri("/jwks"), "{\"timeout\": \"2s\"}");
        before.close();
        assertThat(bench.run(after, bearer(token(OLD))).proceeded()).isTrue();
        assertThat(jwks.requests()).isEqualTo(1);
    }

    @Test
    void keysFetchedBeforeKeepServingWhileTheJwksServerIsDown() throws Exception {
        AuthMethod method = method(jwks.uri("/jwks"), "{\"minInterval\": \"0\", \"cacheFor\": \"0\"}");
        assertThat(bench.run(method, bearer(token(OLD))).proceeded()).isTrue();
        jwks.answer((verb, body, exchange) -> new LoopbackHttpServer.Answer(500, "text/plain", "down"));
        for (int i = 0; i < 5; i++) {
            assertThat(bench.run(method, bearer(token(OLD))).proceeded()).isTrue();
        }
        assertThat(bench.run(method, bearer(token(NEW))).rejection().detail()).isEqualTo("unknown key");
        jwks.close();
        assertThat(bench.run(method, bearer(token(OLD))).proceeded()).isTrue();
        assertThat(jwks.requests()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void withNoKeysYetAnUnreachableJwksServerIsA503NotA401() throws Exception {
        URI closed;
        try (LoopbackHttpServer gone = LoopbackHttpServer.serving(published)) {
            closed = gone.uri("/jwks");
        }
        AuthMethod unreachable = method(closed, "{\"minInterval\": \"0\"}");
        assertUnavailable(bench.run(unreachable, bearer(token(OLD))));

        jwks.answer((verb, body, exchange) -> new LoopbackHttpServer.Answer(500, "text/plain", "down"));
        AuthMethod failing = method(jwks.uri("/failing"), "{}");
        assertUnavailable(bench.run(failing, bearer(token(OLD))));

        jwks.answer((verb, body, exchange) -> LoopbackHttpServer.Answer.json("{\"not\": \"a key set\"}"));
        AuthMethod garbled = method(jwks.uri("/garbled"), "{}");
        assertUnavailable(bench.run(garbled, bearer(token(OLD))));
    }

    private static void assertUnavailable(PolicyOutcome outcome) {
        GatewayException error = outcome.rejection();
        assertThat(error.kind()).isEqualTo(ErrorKind.UPSTREAM_UNAVAILABLE);
        assertThat(error.detail()).isEqualTo("the token issuer's keys are unavailable");
    }
}
