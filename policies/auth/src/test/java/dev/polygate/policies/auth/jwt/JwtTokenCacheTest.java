package dev.polygate.policies.auth.jwt;

import static dev.polygate.policies.auth.jwt.JwtTestBench.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.polygate.policies.auth.AuthMethod;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.testkit.PolicyOutcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code jwt} method's cache of verified tokens: a repeated token is verified once per {@code cacheTtl}, its
 * times are still checked on every use, it is never kept past its expiry, a key that leaves the JWKS takes its
 * cached tokens with it, and {@code cacheTtl: 0} turns the cache off.
 */
class JwtTokenCacheTest {
    private static final RSAKey OLD = TestTokens.rsa("2024-old");
    private static final RSAKey NEW = TestTokens.rsa("2025-new");

    @TempDir
    Path directory;
    private final AtomicReference<String> published = new AtomicReference<>(TestTokens.jwks(OLD));
    private final TestTime time = new TestTime(Instant.parse("2026-12-07T12:00:00Z"));
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

    /** A method whose keys count the signature checks they make. */
    private JwtMethod counting(Duration cacheTtl, CountingVerifier verifier) {
        JwtSettings settings = new JwtSettings(TestTokens.ISSUER, Set.of(TestTokens.AUDIENCE), Set.of(JWSAlgorithm.RS256),
                Duration.ZERO, 8192, TokenSource.authorizationHeader(), "sub", null, "polygate");
        KeySource keys = header -> CompletableFuture.completedFuture(List.of(verifier));
        return new JwtMethod(settings, keys, null, Map.of(), time.clock(),
                new VerifiedTokens(cacheTtl, time.clock(), time));
    }

    private String token(RSAKey key, Duration validFor) {
        Instant now = time.clock().instant();
        return TestTokens.signed(key, TestTokens.claims().issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validFor))).build());
    }

    @Test
    void aRepeatedTokenIsVerifiedOnceAndYieldsTheSameCaller() {
        CountingVerifier verifier = new CountingVerifier(OLD);
        JwtMethod method = counting(Duration.ofSeconds(60), verifier);
        String token = token(OLD, Duration.ofMinutes(5));

        for (int i = 0; i < 5; i++) {
            PolicyOutcome outcome = bench.run(method, bearer(token));
            assertThat(outcome.proceeded()).isTrue();
            assertThat(outcome.context().principal().orElseThrow().consumer()).isEqualTo("alice");
        }
        assertThat(verifier.checks()).isEqualTo(1);

        String other = token(OLD, Duration.ofMinutes(4));
        assertThat(bench.run(method, bearer(other)).proceeded()).isTrue();
        assertThat(verifier.checks()).isEqualTo(2);
    }

    @Test
    void aCachedTokenIsRefusedOnceItExpires() {
        CountingVerifier verifier = new CountingVerifier(OLD);
        JwtMethod method = counting(Duration.ofSeconds(60), verifier);
        String token = token(OLD, Duration.ofSeconds(10));
        assertThat(bench.run(method, bearer(token)).proceeded()).isTrue();

        time.advance(Duration.ofSeconds(9));
        assertThat(bench.run(method, bearer(token)).proceeded()).isTrue();
        time.advance(Duration.ofSeconds(2));
        assertThat(bench.run(method, bearer(token)).rejection().detail()).isEqualTo("token expired");
        assertThat(bench.run(method, bearer(token)).rejection().detail()).isEqualTo("token expired");
    }

    @Test
    void aTokenIsVerifiedAgainOnceCacheTtlHasPassed() {
        CountingVerifier verifier = new CountingVerifier(OLD);
        JwtMethod method = counting(Duration.ofSeconds(60), verifier);
        String token = token(OLD, Duration.ofMinutes(10));
        assertThat(bench.run(method, bearer(token)).proceeded()).isTrue();
        time.advance(Duration.ofSeconds(59));
        assertThat(bench.run(method, bearer(token)).proceeded()).isTrue();
        assertThat(verifier.checks()).isEqualTo(1);

        time.advance(Duration.ofSeconds(2));
        assertThat(bench.run(method, bearer(token)).proceeded()).isTrue();
        assertThat(verifier.checks()).isEqualTo(2);
    }

    @Test
    void cacheTtlZeroVerifiesEveryRequest() {
        CountingVerifier verifier = new CountingVerifier(OLD);
        JwtMethod method = counting(Duration.ZERO, verifier);
        String token = token(OLD, Duration.ofMinutes(5));
        for (int i = 0; i < 3; i++) {
            assertThat(bench.run(method, bearer(token)).proceeded()).isTrue();
        }
        assertThat(verifier.checks()).isEqualTo(3);
    }

    @Test
    void refusedTokensAreNotRememberedSoTheyAreCheckedEveryTime() {
        CountingVerifier verifier = new CountingVerifier(OLD);
        JwtMethod method = counting(Duration.ofSeconds(60), verifier);
        String[] parts = token(OLD, Duration.ofMinutes(5)).split("\\.");
        String forged = parts[0] + "." + TestTokens.claims().subject("mallory").build().toPayload().toBase64URL()
                + "." + parts[2];
        for (int i = 0; i < 3; i++) {
            assertThat(bench.run(method, bearer(forged)).rejection().detail()).isEqualTo("bad signature");
        }
        assertThat(verifier.checks()).isEqualTo(3);
    }

    @Test
    void aTokenWhoseKeyLeftTheJwksIsRefusedThoughItWasCached() throws Exception {
        AuthMethod method = bench.build(new JwtMethodFactory(System::getenv), "{\"jwksUrl\": \""
                + jwks.uri("/jwks") + "\", \"issuer\": \"" + TestTokens.ISSUER + "\", \"audiences\": \""
                + TestTokens.AUDIENCE + "\", \"algorithms\": [\"RS256\"], \"cacheTtl\": \"10m\","
                + " \"refresh\": {\"minInterval\": \"0\"}}");
        String old = TestTokens.signed(OLD, TestTokens.claims().build());
        assertThat(bench.run(method, bearer(old)).proceeded()).isTrue();
        assertThat(bench.run(method, bearer(old)).proceeded()).isTrue(); // from the cache

        published.set(TestTokens.jwks(NEW)); // the old key is retired
        PolicyOutcome withNew = bench.run(method, bearer(TestTokens.signed(NEW, TestTokens.claims().build())));
        assertThat(withNew.proceeded()).as("the unknown kid made the gateway fetch the new set").isTrue();

        PolicyOutcome stale = bench.run(method, bearer(old));
        assertThat(stale.proceeded()).isFalse();
        assertThat(stale.rejection().detail()).isEqualTo("unknown key");
    }

    @Test
    void cacheTtlIsReadAndBounded() throws Exception {
        String section = "{\"keys\": " + TestTokens.jwks(OLD) + ", \"issuer\": \"" + TestTokens.ISSUER
                + "\", \"audiences\": \"" + TestTokens.AUDIENCE + "\", \"algorithms\": [\"RS256\"], \"cacheTtl\": ";
        assertThat(bench.build(new JwtMethodFactory(), section + "\"0\"}")).isNotNull();
        assertThat(bench.build(new JwtMethodFactory(), section + "\"30s\"}")).isNotNull();
        Assertions.assertThatThrownBy(() -> bench.build(new JwtMethodFactory(), section + "\"2h\"}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cacheTtl")
                .hasMessageContaining("at most 1h");
        Assertions.assertThatThrownBy(() -> bench.build(new JwtMethodFactory(), section + "\"soon\"}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cacheTtl");
    }

    /** The wall clock that token times are checked against and the ticker that ages cache entries, moved together. */
    private static final class TestTime implements Ticker {
        private final AtomicReference<Instant> now;

        TestTime(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration step) {
            now.updateAndGet(at -> at.plus(step));
        }

        Clock clock() {
            return new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now.get();
                }
            };
        }

        @Override
        public long read() {
            Instant at = now.get();
            return at.getEpochSecond() * 1_000_000_000L + at.getNano();
        }
    }

    /** An RSA verifier that counts the signatures it checks. */
    private static final class CountingVerifier implements JWSVerifier {
        private final RSASSAVerifier verifier;
        private final AtomicInteger checks = new AtomicInteger();

        CountingVerifier(RSAKey key) {
            try {
                this.verifier = new RSASSAVerifier(key.toPublicJWK());
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        int checks() {
            return checks.get();
        }

        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
            checks.incrementAndGet();
            return verifier.verify(header, signingInput, signature);
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return verifier.supportedJWSAlgorithms();
        }

        @Override
        public JCAContext getJCAContext() {
            return verifier.getJCAContext();
        }
    }
}
