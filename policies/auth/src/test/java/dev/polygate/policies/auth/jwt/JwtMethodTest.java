package dev.polygate.policies.auth.jwt;

import static dev.polygate.policies.auth.jwt.JwtTestBench.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.MissingNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.polygate.policies.auth.AuthMethod;
import dev.polygate.spi.Consumer;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Principal;
import dev.polygate.spi.testkit.PolicyOutcome;
import dev.polygate.spi.testkit.TestRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code jwt} method's checks, against keys published by a real JWKS server on loopback and tokens minted here:
 * what is accepted and the principal it yields, and each way a forged, stale or misdirected token is refused.
 */
class JwtMethodTest {
    private static final RSAKey KEY = TestTokens.rsa("k1");
    private static final RSAKey STRANGER = TestTokens.rsa("k1");
    private static final ECKey EC_KEY = TestTokens.ec("e1");
    private static final String SECRET = "a-shared-secret-of-more-than-32-bytes-for-hs256";

    @TempDir
    Path directory;
    private final AtomicReference<String> published = new AtomicReference<>(TestTokens.jwks(KEY, EC_KEY));
    private LoopbackHttpServer jwks;
    private JwtTestBench bench;

    @BeforeEach
    void start() {
        jwks = LoopbackHttpServer.serving(published);
        bench = new JwtTestBench(directory, Map.of("alice", new Consumer("consumers[0]", "alice", Set.of("staff"),
                MissingNode.getInstance())));
    }

    @AfterEach
    void stop() {
        bench.close();
        jwks.close();
    }

    private String section(String extra) {
        return "{\"jwksUrl\": \"" + jwks.uri("/jwks.json") + "\", \"issuer\": \"" + TestTokens.ISSUER
                + "\", \"audiences\": [\"" + TestTokens.AUDIENCE + "\"], \"algorithms\": [\"RS256\", \"ES256\"]"
                + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    private AuthMethod method(String extra) throws Exception {
        return bench.build(new JwtMethodFactory(), section(extra));
    }

    private static void assertRefused(PolicyOutcome outcome, String reason) {
        assertThat(outcome.proceeded()).as(reason).isFalse();
        GatewayException error = outcome.rejection();
        assertThat(error.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED);
        assertThat(error.detail()).isEqualTo(reason);
        assertThat(error.headers().get("www-authenticate")).isEqualTo(
                "Bearer realm=\"polygate\", error=\"invalid_token\", error_description=\"" + reason + "\"");
    }

    @Test
    void aTokenSignedWithAPublishedKeyIsAcceptedAndDescribesItsCaller() throws Exception {
        AuthMethod method = method("\"groupsClaim\": \"groups\"");
        JWTClaimsSet claims = TestTokens.claims().claim("scope", "orders:read orders:write")
                .claim("groups", List.of("buyers")).build();

        PolicyOutcome outcome = bench.run(method, bearer(TestTokens.signed(KEY, claims)));

        assertThat(outcome.proceeded()).isTrue();
        Principal caller = outcome.context().principal().orElseThrow();
        assertThat(caller.consumer()).isEqualTo("alice");
        assertThat(caller.method()).isEqualTo("jwt");
        assertThat(caller.groups()).containsExactlyInAnyOrder("staff", "buyers");
        assertThat(caller.scopes()).containsExactlyInAnyOrder("orders:read", "orders:write");
        assertThat(caller.claims()).containsEntry("sub", "alice").containsEntry("iss", TestTokens.ISSUER);
        assertThat(outcome.passedOn().request().headers().contains("authorization")).isFalse();

        PolicyOutcome byEc = bench.run(method, bearer(TestTokens.signed(EC_KEY,
                TestTokens.claims().subject("svc-7").claim("scp", List.of("orders:read")).build())));
        Principal service = byEc.context().principal().orElseThrow();
        assertThat(service.consumer()).isEqualTo("svc-7");
        assertThat(service.groups()).isEmpty();
        assertThat(service.scopes()).containsExactly("orders:read");
    }

    @Test
    void noTokenIsNoCredentialAndAnotherAuthorizationSchemeIsLeftToOtherMethods() throws Exception {
        AuthMethod method = method("");
        PolicyOutcome none = bench.run(method, TestRequest.get("/orders"));
        assertThat(none.rejection().detail()).isEqualTo("no credential");
        assertThat(none.rejection().headers().get("www-authenticate")).isEqualTo("Bearer realm=\"polygate\"");
        PolicyOutcome basic = bench.run(method, TestRequest.get("/orders").header("authorization", "Basic YTpi"));
        assertThat(basic.rejection().detail()).isEqualTo("no credential");
    }

    @Test
    void unsignedTokensAreRefusedWhateverTheySay() throws Exception {
        AuthMethod method = method("");
        JWTClaimsSet claims = TestTokens.claims().build();
        String plain = new PlainJWT(claims).serialize();
        String noneWithKidAndSignature = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"k1\"}") + "."
                + claims.toPayload().toBase64URL() + "." + Base64URL.encode("signature");
        String upperCaseNone = Base64URL.encode("{\"alg\":\"NONE\"}") + "." + claims.toPayload().toBase64URL() + "."
                + Base64URL.encode("signature");

        assertRefused(bench.run(method, bearer(plain)), "unsigned token");
        assertRefused(bench.run(method, bearer(noneWithKidAndSignature)), "unsigned token");
        assertRefused(bench.run(method, bearer(upperCaseNone)), "algorithm not allowed");
    }

    @Test
    void anHs256TokenSignedWithTheRsaPublicKeyIsRefused() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build();
        byte[] der = KEY.toRSAPublicKey().getEncoded();
        byte[] pem = ("-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
        byte[] jwk = KEY.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);

        AuthMethod rsaOnly = method("");
        Files.writeString(directory.resolve("jwt-secret"), SECRET + "\n");
        AuthMethod rsaAndHmac = bench.build(new JwtMethodFactory(), section("").replace("\"ES256\"]",
                "\"HS256\"], \"secret\": {\"file\": \"jwt-secret\"}"));
        for (byte[] forged : List.of(der, pem, jwk)) {
            String token = TestTokens.hmac(forged, header, TestTokens.claims().build());
            assertRefused(bench.run(rsaOnly, bearer(token)), "algorithm not allowed");
            assertRefused(bench.run(rsaAndHmac, bearer(token)), "bad signature");
        }
        String honest = TestTokens.hmac(SECRET.getBytes(StandardCharsets.UTF_8), header, TestTokens.claims().build());
        assertThat(bench.run(rsaAndHmac, bearer(honest)).proceeded()).isTrue();
    }

    @Test
    void aSignatureByAKeyNotPublishedIsRefused() throws Exception {
        AuthMethod method = method("");
        assertRefused(bench.run(method, bearer(TestTokens.signed(STRANGER, TestTokens.claims().build()))), "bad signature");
        String tampered = TestTokens.signed(KEY, TestTokens.claims().build());
        String[] parts = tampered.split("\\.");
        String otherPayload = TestTokens.claims().subject("mallory").build().toPayload().toBase64URL().toString();
        assertRefused(bench.run(method, bearer(parts[0] + "." + otherPayload + "." + parts[2])), "bad signature");
        JWSHeader esNamingAnRsaKey = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").build();
        assertRefused(bench.run(method, bearer(TestTokens.signed(EC_KEY, esNamingAnRsaKey, TestTokens.claims().build()))),
                "unknown key");
    }

    @Test
    void expiryNotBeforeAndIssueTimesAllowTheLeewayAndNoMore() throws Exception {
        AuthMethod method = method("\"leeway\": \"30s\"");
        Instant now = Instant.now();
        assertRefused(run(method, TestTokens.claims().expirationTime(at(now, -60))), "token expired");
        assertThat(run(method, TestTokens.claims().expirationTime(at(now, -10))).proceeded()).isTrue();
        assertRefused(run(method, TestTokens.claims().notBeforeTime(at(now, 60))), "token not yet valid");
        assertThat(run(method, TestTokens.claims().notBeforeTime(at(now, 10))).proceeded()).isTrue();
        assertRefused(run(method, TestTokens.claims().issueTime(at(now, 60))), "token issued in the future");
        assertThat(run(method, TestTokens.claims().issueTime(at(now, 10))).proceeded()).isTrue();
        assertRefused(run(method, TestTokens.claims().expirationTime(null)), "token has no expiry");
    }

    @Test
    void aWrongAudienceOrIssuerIsRefused() throws Exception {
        AuthMethod method = method("");
        assertRefused(run(method, TestTokens.claims().audience("api://billing")), "wrong audience");
        assertRefused(run(method, TestTokens.claims().audience(List.of())), "wrong audience");
        assertThat(run(method, TestTokens.claims().audience(List.of("api://billing", TestTokens.AUDIENCE))).proceeded())
                .isTrue();
        assertRefused(run(method, TestTokens.claims().issuer("https://evil.test/")), "wrong issuer");
        assertRefused(run(method, TestTokens.claims().issuer(null)), "wrong issuer");
        AuthMethod lenient = bench.build(new JwtMethodFactory(), "{\"jwksUrl\": \"" + jwks.uri("/jwks.json")
                + "\", \"allowAnyIssuer\": true, \"allowAnyAudience\": true, \"algorithms\": \"RS256\"}");
        assertThat(run(lenient, TestTokens.claims().issuer("https://other.test/").audience("x")).proceeded()).isTrue();
    }

    @Test
    void anOversizedTokenIsRefusedBeforeParsing() throws Exception {
        AuthMethod method = method("\"maxTokenSize\": \"1KiB\"");
        String padded = TestTokens.signed(KEY, TestTokens.claims().claim("padding", "x".repeat(1024)).build());
        assertRefused(bench.run(method, bearer(padded)), "token too large");
        assertRefused(bench.run(method, bearer("#".repeat(100_000))), "token too large");
        assertThat(run(method, TestTokens.claims()).proceeded()).isTrue();
    }

    @Test
    void malformedTokensAreRefusedAndNeverThrow() throws Exception {
        AuthMethod method = method("");
        String header = Base64URL.encode("{\"alg\":\"RS256\",\"kid\":\"k1\"}").toString();
        String signature = TestTokens.signed(KEY, TestTokens.claims().build()).split("\\.")[2];
        List<String> garbage = List.of("", "abc", "a.b", "a.b.c", "....", "a.b.c.d", header + ".." + signature,
                Base64URL.encode("not json") + ".e30.sig", Base64URL.encode("[1,2]") + ".e30.sig",
                Base64URL.encode("{\"alg\":42}") + ".e30.sig", header + "." + Base64URL.encode("[]") + "." + signature,
                header + ".%%%." + signature, "é.ü.ß", Base64URL.encode("{\"alg\":\"RSA-OAEP\",\"enc\":\"A128GCM\"}")
                        + ".a.b.c.d", header + "." + Base64URL.encode("{\"exp\":\"tomorrow\"}") + "." + signature);
        for (String token : garbage) {
            PolicyOutcome outcome = bench.run(method, bearer(token));
            assertThat(outcome.rejected()).as(token).map(GatewayException::kind).hasValue(ErrorKind.UNAUTHENTICATED);
        }
        assertRefused(bench.run(method, bearer("a.b.c.d.e")), "encrypted tokens are not accepted");
        assertRefused(bench.run(method, bearer("")), "malformed token");
    }

    @Test
    void tokensTravelInACookieAQueryParameterOrAWebSocketSubprotocolAndAreTakenOut() throws Exception {
        String token = TestTokens.signed(KEY, TestTokens.claims().build());

        PolicyOutcome byCookie = bench.run(method("\"from\": {\"cookie\": \"session\"}"), TestRequest.get("/orders")
                .header("cookie", "theme=dark; session=" + token + "; lang=en"));
        assertThat(byCookie.proceeded()).isTrue();
        assertThat(byCookie.passedOn().request().headers().get("cookie")).isEqualTo("theme=dark; lang=en");

        PolicyOutcome byQuery = bench.run(method("\"from\": {\"query\": \"access_token\"}"),
                TestRequest.get("/orders?page=2&access_token=" + token + "&q=a%20b"));
        assertThat(byQuery.proceeded()).isTrue();
        assertThat(byQuery.passedOn().request().path()).isEqualTo("/orders?page=2&q=a%20b");

        PolicyOutcome byHeader = bench.run(method("\"from\": {\"header\": \"X-Token\"}"),
                TestRequest.get("/orders").header("x-token", token));
        assertThat(byHeader.proceeded()).isTrue();
        assertThat(byHeader.passedOn().request().headers().contains("x-token")).isFalse();

        MethodPolicy webSocket = new MethodPolicy(method("\"from\": {\"subprotocol\": true}"))
                .asWebSocket(List.of("graphql-ws", "bearer." + token));
        PolicyOutcome bySubprotocol = bench.run(webSocket, TestRequest.get("/live")
                .header("sec-websocket-protocol", "graphql-ws, bearer." + token));
        assertThat(bySubprotocol.proceeded()).isTrue();
        assertThat(bySubprotocol.passedOn().request().headers().get("sec-websocket-protocol")).isEqualTo("graphql-ws");
        assertThat(bench.run(method("\"from\": {\"subprotocol\": true}"), bearer(token)).rejection().detail())
                .isEqualTo("no credential");
    }

    @Test
    void twoTokensInTheSamePlaceAreRefused() throws Exception {
        String token = TestTokens.signed(KEY, TestTokens.claims().build());
        assertRefused(bench.run(method(""), bearer(token).header("authorization", "Bearer " + token)),
                "more than one token");
        assertRefused(bench.run(method("\"from\": {\"query\": \"access_token\"}"),
                TestRequest.get("/orders?access_token=" + token + "&access_token=" + token)), "more than one token");
    }

    private PolicyOutcome run(AuthMethod method, JWTClaimsSet.Builder claims) {
        return bench.run(method, bearer(TestTokens.signed(KEY, claims.build())));
    }

    private static Date at(Instant now, long seconds) {
        return Date.from(now.plus(Duration.ofSeconds(seconds)));
    }
}
