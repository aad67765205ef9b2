package dev.polygate.policies.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.RSAKey;
import dev.polygate.certs.DevCertificateAuthority;
import dev.polygate.policies.auth.basic.BasicMethodFactory;
import dev.polygate.policies.auth.consumers.ApiKeyDigest;
import dev.polygate.policies.auth.consumers.CredentialIndexes;
import dev.polygate.policies.auth.jwt.TestTokens;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Policy;
import dev.polygate.spi.Principal;
import dev.polygate.spi.testkit.PolicyHarness;
import dev.polygate.spi.testkit.PolicyOutcome;
import dev.polygate.spi.testkit.TestRequest;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code auth} policy with the SPI test kit: methods, their combination, forwarding and removal, refusals. */
class AuthPolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** libxcrypt's bcrypt of "abc". */
    private static final String BCRYPT_ABC = "$2b$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i";
    /** The Argon2 reference library's Argon2id of "correct horse battery staple". */
    private static final String ARGON2ID = "$argon2id$v=19$m=1024,t=2,p=1$cG9seWdhdGUtc2FsdC0xNg"
            + "$OAc44pGHGy+jlQ+WM15v7qF4m45rXJsYSMLLOwPLWCc";
    static final String CONSUMERS = """
            [ { "name": "alice", "groups": [ "staff", "partners" ], "credentials": {
                  "apiKeys": [ { "hash": "%s" } ], "basic": { "username": "alice", "passwordHash": "%s" },
                  "certificates": [ { "subject": "CN=alice" } ] } },
              { "name": "bob", "credentials": { "apiKeys": [ { "hash": "%s" } ],
                  "basic": { "username": "bob", "passwordHash": "%s" }, "certificates": [ { "san": "bob.example.org" } ] } } ]
            """.formatted(ApiKeyDigest.of("alice-key"), BCRYPT_ABC, ApiKeyDigest.of("bob-key"), ARGON2ID);

    @TempDir
    Path dir;
    private PolicyHarness harness;
    private ConsumersContext context;

    @BeforeEach
    void start() {
        harness = new PolicyHarness();
        context = new ConsumersContext(harness.context(), CONSUMERS);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private Policy build(String section) throws Exception {
        return new AuthPolicyFactory().create(JSON.readTree(section), context);
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpHeaders passedHeaders(PolicyOutcome outcome) {
        assertThat(outcome.rejected()).isEmpty();
        return outcome.passedOn().request().headers();
    }

    @Test
    void anApiKeyInAHeaderNamesItsConsumerWhoseIdentityReplacesWhatTheClientSent() throws Exception {
        Policy policy = build("{ \"anyOf\": [ { \"apiKey\": { \"header\": \"x-api-key\" } } ] }");
        PolicyOutcome outcome = harness.run(policy, TestRequest.get("/x").header("x-api-key", "alice-key")
                .header("x-consumer", "admin").header("grpc-metadata-x-consumer", "admin")
                .header("x-consumer-groups", "admins"));
        assertThat(outcome.proceeded()).isTrue();
        Principal principal = outcome.context().principal().orElseThrow();
        assertThat(principal.consumer()).isEqualTo("alice");
        assertThat(principal.method()).isEqualTo("apiKey");
        HttpHeaders headers = passedHeaders(outcome);
        assertThat(headers.getAll("x-consumer")).containsExactly("alice");
        assertThat(headers.getAll("x-consumer-groups")).containsExactly("partners,staff");
        assertThat(headers.contains("grpc-metadata-x-consumer")).isFalse();
        assertThat(headers.contains("x-api-key")).as("the credential is removed").isFalse();
    }

    @Test
    void aQueryParameterOrACookieIsRemovedAndTheRestKept() throws Exception {
        Policy query = build("{ \"anyOf\": [ { \"apiKey\": { \"query\": \"api_key\" } } ] }");
        PolicyOutcome byQuery = harness.run(query, TestRequest.get("/x?a=1&api%5Fkey=bob-key&b=%20"));
        assertThat(byQuery.context().principal().orElseThrow().consumer()).isEqualTo("bob");
        assertThat(byQuery.passedOn().request().path()).isEqualTo("/x?a=1&b=%20");
        PolicyOutcome only = harness.run(query, TestRequest.get("/x?api_key=bob-key"));
        assertThat(only.passedOn().request().path()).isEqualTo("/x");

        Policy cookie = build("{ \"anyOf\": [ { \"apiKey\": { \"cookie\": \"key\" } } ] }");
        PolicyOutcome byCookie = harness.run(cookie, TestRequest.get("/x").header("cookie", "theme=dark; key=\"alice-key\"")
                .header("cookie", "lang=en"));
        assertThat(byCookie.context().principal().orElseThrow().consumer()).isEqualTo("alice");
        assertThat(passedHeaders(byCookie).getAll("cookie")).containsExactly("theme=dark", "lang=en");
    }

    @Test
    void onlyTheChallengeOfTheMethodWhoseTokenWasRefusedNamesInvalidToken() throws Exception {
        RSAKey key = TestTokens.rsa("k1");
        Policy policy = build("{ \"anyOf\": [ { \"apiKey\": { \"header\": \"x-api-key\" } }, { \"jwt\": { \"keys\": "
                + JSON.readTree(TestTokens.jwks(key)).get("keys")
                + ", \"issuer\": \"" + TestTokens.ISSUER + "\", \"audiences\": [ \"" + TestTokens.AUDIENCE
                + "\" ], \"algorithms\": [ \"RS256\" ], \"realm\": \"shop\" } } ] }");
        String apiKeyChallenge = "ApiKey realm=\"polygate\", in=\"header\", name=\"x-api-key\"";

        GatewayException expired = harness.run(policy, TestRequest.get("/x").header("authorization", "Bearer "
                + TestTokens.signed(key, TestTokens.claims().expirationTime(new Date(0)).build()))).rejected()
                .orElseThrow();
        assertThat(expired.headers().getAll("www-authenticate")).containsExactly(apiKeyChallenge,
                "Bearer realm=\"shop\", error=\"invalid_token\", error_description=\"token expired\"");

        GatewayException wrongKey = harness.run(policy, TestRequest.get("/x").header("x-api-key", "guess")).rejected()
                .orElseThrow();
        assertThat(wrongKey.headers().getAll("www-authenticate")).as("an API key refused: no bearer error")
                .containsExactly(apiKeyChallenge, "Bearer realm=\"shop\"");
        GatewayException none = harness.run(policy, TestRequest.get("/x")).rejected().orElseThrow();
        assertThat(none.headers().getAll("www-authenticate")).as("RFC 6750 3.1: no credential, no error code")
                .containsExactly(apiKeyChallenge, "Bearer realm=\"shop\"");
    }

    @Test
    void noCredentialIsA401WithEveryChallengeAndAWrongOneIsA401Too() throws Exception {
        Policy policy = build("{ \"anyOf\": [ { \"apiKey\": { \"header\": \"x-api-key\" } }, { \"basic\": { \"realm\": \"shop\" } },"
                + " { \"mtls\": {} } ] }");
        GatewayException missing = harness.run(policy, TestRequest.get("/x")).rejected().orElseThrow();
        assertThat(missing.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED);
        assertThat(missing.headers().getAll("www-authenticate")).containsExactly(
                "ApiKey realm=\"polygate\", in=\"header\", name=\"x-api-key\"",
                "Basic realm=\"shop\", charset=\"UTF-8\"");

        GatewayException wrong = harness.run(policy, TestRequest.get("/x").header("x-api-key", "guess")).rejected()
                .orElseThrow();
        assertThat(wrong.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED);
        assertThat(wrong.detail()).isEqualTo("unknown API key");
        assertThat(wrong.headers().getAll("www-authenticate")).hasSize(2);

        assertThat(harness.run(policy, TestRequest.get("/x").header("x-api-key", "alice-key")
                .header("x-api-key", "alice-key")).rejected()).get().extracting(GatewayException::detail)
                .isEqualTo("more than one API key");
    }

    @Test
    void basicChecksBcryptAndArgon2idHashesOffTheLoop() throws Exception {
        Policy policy = build("{ \"anyOf\": [ { \"basic\": {} } ] }");
        PolicyOutcome alice = harness.run(policy, TestRequest.get("/x").header("authorization", basic("alice:abc")));
        assertThat(alice.context().principal().orElseThrow().consumer()).isEqualTo("alice");
        assertThat(passedHeaders(alice).contains("authorization")).isFalse();

        PolicyOutcome bob = harness.run(policy, TestRequest.get("/x")
                .header("authorization", basic("bob:correct horse battery staple")));
        assertThat(bob.context().principal().orElseThrow().method()).isEqualTo("basic");

        for (String wrong : new String[] {"alice:abd", "bob:abc", "carol:abc", "alice", "alice:"}) {
            assertThat(harness.run(policy, TestRequest.get("/x").header("authorization", basic(wrong))).rejected())
                    .as(wrong).get().extracting(GatewayException::kind).isEqualTo(ErrorKind.UNAUTHENTICATED);
        }
        assertThat(harness.run(policy, TestRequest.get("/x").header("authorization", "Basic !!!")).rejected())
                .get().extracting(GatewayException::detail).isEqualTo("malformed Basic credentials");
        PolicyOutcome bearer = harness.run(policy, TestRequest.get("/x").header("authorization", "Bearer abc"));
        assertThat(bearer.rejected()).get().extracting(GatewayException::detail)
                .as("another scheme is no Basic credential").isEqualTo("credentials are required");
    }

    @Test
    void aClientCertificateNamesItsConsumerBySubjectOrAlternativeName() throws Exception {
        DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(dir);
        List<X509Certificate> alice = ca.issueClient("alice", Duration.ofDays(1)).chain();
        List<X509Certificate> bob = ca.issueClient("bob-laptop", List.of("bob.example.org"), Duration.ofDays(1)).chain();
        List<X509Certificate> nobody = ca.issueClient("nobody", Duration.ofDays(1)).chain();
        Policy policy = build("{ \"anyOf\": [ { \"mtls\": {} } ], \"forward\": { \"subject\": \"x-subject\" } }");

        PolicyOutcome byName = harness.run(policy, TestRequest.get("/x").secure(bob));
        assertThat(byName.context().principal().orElseThrow().consumer()).isEqualTo("bob");
        assertThat(passedHeaders(byName).get("x-subject")).isEqualTo("CN=bob-laptop");
        assertThat(harness.run(policy, TestRequest.get("/x").secure(alice)).context().principal().orElseThrow()
                .consumer()).isEqualTo("alice");
        assertThat(harness.run(policy, TestRequest.get("/x").secure(nobody)).rejected()).get()
                .extracting(GatewayException::detail).isEqualTo("the client certificate names no consumer");
        GatewayException without = harness.run(policy, TestRequest.get("/x").secure(List.of())).rejected().orElseThrow();
        assertThat(without.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED);
        assertThat(without.headers().isEmpty()).as("the TLS handshake is the challenge").isTrue();
    }

    @Test
    void theAnonymousConsumerServesRequestsWithoutCredentialsOnly() throws Exception {
        Policy policy = build("{ \"anyOf\": [ { \"apiKey\": { \"header\": \"x-api-key\" } } ], \"anonymous\": \"guest\" }");
        PolicyOutcome anonymous = harness.run(policy, TestRequest.get("/x").header("x-consumer", "alice"));
        Principal guest = anonymous.context().principal().orElseThrow();
        assertThat(guest.isAnonymous()).isTrue();
        assertThat(guest.consumer()).isEqualTo("guest");
        assertThat(passedHeaders(anonymous).getAll("x-consumer")).containsExactly("guest");
        assertThat(harness.run(policy, TestRequest.get("/x").header("x-api-key", "guess")).rejected())
                .as("a wrong key never falls through to anonymous").isPresent();
    }

    @Test
    void anyOfRefusesTwoCredentialsOfDifferentConsumersAndAllOfWantsEveryOneOfTheSame() throws Exception {
        Policy anyOf = build("{ \"anyOf\": [ { \"apiKey\": { \"header\": \"x-api-key\" } },"
                + " { \"apiKey\": { \"query\": \"api_key\" } } ] }");
        assertThat(harness.run(anyOf, TestRequest.get("/x?api_key=bob-key").header("x-api-key", "alice-key"))
                .rejected()).get().extracting(GatewayException::detail).isEqualTo("the credentials name different consumers");
        PolicyOutcome same = harness.run(anyOf, TestRequest.get("/x?api_key=alice-key").header("x-api-key", "alice-key"));
        assertThat(same.context().principal().orElseThrow().consumer()).isEqualTo("alice");
        assertThat(same.passedOn().request().path()).as("both copies removed").isEqualTo("/x");

        Policy allOf = build("{ \"allOf\": [ { \"apiKey\": { \"header\": \"x-api-key\" } }, { \"basic\": {} } ] }");
        PolicyOutcome both = harness.run(allOf, TestRequest.get("/x").header("x-api-key", "alice-key")
                .header("authorization", basic("alice:abc")));
        assertThat(both.context().principal().orElseThrow().consumer()).isEqualTo("alice");
        assertThat(harness.run(allOf, TestRequest.get("/x").header("x-api-key", "alice-key")
                .header("authorization", basic("bob:correct horse battery staple"))).rejected()).isPresent();
        assertThat(harness.run(allOf, TestRequest.get("/x").header("x-api-key", "alice-key")).rejected()).get()
                .extracting(GatewayException::detail).isEqualTo("every one of 2 credentials is required");
    }

    @Test
    void keepCredentialLeavesItForTheBackendAndForwardNamesOrDisablesHeaders() throws Exception {
        Policy policy = build("{ \"anyOf\": [ { \"apiKey\": { \"header\": \"x-api-key\" } } ], \"keepCredential\": true,"
                + " \"forward\": { \"consumer\": \"x-caller\", \"groups\": null, \"subject\": \"x-sub\" } }");
        HttpHeaders headers = passedHeaders(harness.run(policy, TestRequest.get("/x").header("x-api-key", "alice-key")
                .header("x-consumer-groups", "forged")));
        assertThat(headers.get("x-api-key")).isEqualTo("alice-key");
        assertThat(headers.get("x-caller")).isEqualTo("alice");
        assertThat(headers.get("x-sub")).isEqualTo("alice");
        assertThat(headers.get("x-consumer-groups")).as("no longer a forwarded header: the client's own").isEqualTo("forged");
    }

    @Test
    void configurationProblemsAreListedTogetherAndConsumersProblemsOnceAtTheConsumer() throws Exception {
        ConsumersContext broken = new ConsumersContext(harness.context(),
                "[ { \"name\": \"a\", \"credentials\": { \"apiKeys\": [ { \"hash\": \"md5:1\" } ] } } ]");
        ConfigException first = catchThrowableOfType(ConfigException.class, () -> new AuthPolicyFactory().create(
                JSON.readTree("{ \"anyOf\": [ { \"apikey\": {} }, { \"apiKey\": { \"header\": \"a\", \"query\": \"b\" } }, \"basic\" ],"
                        + " \"allOf\": [], \"forward\": { \"consumer\": \"x consumer\" }, \"anonymous\": \"\" }"), broken));
        assertThat(first.problems()).extracting(Object::toString).containsExactlyInAnyOrder(
                "(root): give exactly one of anyOf (one method must accept) and allOf (every method must)",
                "anonymous: must name the anonymous consumer, e.g. guest",
                "forward.consumer: must be a header name (letters, digits and !#$%&'*+-.^_`|~)",
                "consumers[0].credentials.apiKeys[0].hash: must be sha256: followed by 64 hexadecimal digits"
                        + " (gateway hash-key prints it; or: printf %s \"$KEY\" | sha256sum)");

        ConfigException second = catchThrowableOfType(ConfigException.class, () -> new AuthPolicyFactory().create(
                JSON.readTree("{ \"anyOf\": [ { \"apikey\": {} }, { \"apiKey\": { \"header\": \"a\", \"query\": \"b\" } }, \"basic\" ] }"),
                broken));
        assertThat(second.problems()).extracting(Object::toString).satisfiesExactly(
                unknown -> assertThat(unknown).startsWith("anyOf[0].apikey: unknown authentication method; known: apiKey,"
                        + " basic").contains(", mtls"),
                source -> assertThat(source).isEqualTo("anyOf[1].apiKey: give exactly one source: header, query or"
                        + " cookie, e.g. { header: x-api-key }"),
                notOne -> assertThat(notOne).startsWith("anyOf[2]: must be one method, such as { apiKey: { header:"
                        + " x-api-key } }; known: apiKey, basic"));
    }

    @Test
    void aRecentSuccessIsRememberedAndAFailureNever() throws Exception {
        BlockingPool pool = new BlockingPool(1, 8);
        AtomicInteger checks = new AtomicInteger();
        try {
            AuthSetup setup = new AuthSetup(context, Map.of(), task -> {
                checks.incrementAndGet();
                pool.execute(task);
            }, CredentialIndexes.of(context, Set.of()).credentials());
            AuthMethod basic = new BasicMethodFactory().create(ConfigNode.section(JSON.readTree("{}")), setup);
            Policy policy = new AuthPolicy(Combination.ANY_OF, List.of(basic), null,
                    new IdentityForwarding("x-consumer", null, null), false);
            for (int i = 0; i < 3; i++) {
                assertThat(harness.run(policy, TestRequest.get("/x").header("authorization", basic("alice:abc")))
                        .proceeded()).isTrue();
            }
            assertThat(checks).as("one hash checked, then remembered").hasValue(1);
            for (int i = 0; i < 2; i++) {
                assertThat(harness.run(policy, TestRequest.get("/x").header("authorization", basic("alice:abd")))
                        .rejected()).isPresent();
            }
            assertThat(checks).hasValue(3);
        } finally {
            pool.close();
        }
    }

    @Test
    void aFullPoolIsA503WithRetryAfterNotAnEndlessQueue() throws Exception {
        BlockingPool pool = new BlockingPool(1, 1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            pool.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            pool.execute(() -> { });
            AuthSetup setup = new AuthSetup(context, Map.of(), pool,
                    CredentialIndexes.of(context, Set.of()).credentials());
            AuthMethod basic = new BasicMethodFactory().create(ConfigNode.section(JSON.readTree("{}")), setup);
            Policy policy = new AuthPolicy(Combination.ANY_OF, List.of(basic), null,
                    new IdentityForwarding("x-consumer", null, null), false);
            GatewayException busy = harness.run(policy, TestRequest.get("/x").header("authorization", basic("alice:abc")))
                    .rejected().orElseThrow();
            assertThat(busy.kind()).isEqualTo(ErrorKind.UPSTREAM_UNAVAILABLE);
            assertThat(busy.headers().get("retry-after")).isEqualTo("1");
        } finally {
            release.countDown();
            pool.close();
        }
    }
}
