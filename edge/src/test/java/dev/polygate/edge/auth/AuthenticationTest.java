package dev.polygate.edge.auth;

import static dev.polygate.edge.auth.HeaderEchoBackend.header;
import static dev.polygate.edge.auth.HeaderEchoBackend.received;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.edge.testing.RawHttp;
import dev.polygate.policies.auth.consumers.ApiKeyDigest;
import dev.polygate.policies.auth.consumers.PasswordHashes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code auth} and {@code authorize} policies through a real gateway in front of a real HTTP backend that tells
 * what it received: API keys from a header, a query parameter or a cookie, Basic with bcrypt and Argon2id hashes,
 * anonymous callers, anyOf and allOf, the identity forwarded and the credential removed, and 401 against 403.
 */
class AuthenticationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    @TempDir
    static Path dir;
    static EchoedGateway both;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(dir.resolve("carol.key"), "carol-key\n");
        both = EchoedGateway.start(dir, null, port -> """
                consumers:
                  - name: alice
                    groups: [ staff, partners ]
                    credentials:
                      apiKeys: [ { hash: "%s" } ]
                      basic: { username: alice, passwordHash: "%s" }
                  - name: bob
                    groups: [ partners ]
                    credentials:
                      apiKeys: [ { hash: "%s" } ]
                      basic: { username: bob, passwordHash: "%s" }
                  - name: carol
                    groups: [ staff ]
                    credentials: { apiKeys: [ { file: carol.key } ] }
                upstreams:
                  backend: { endpoints: [ "http://127.0.0.1:%d" ] }
                routes:
                  - name: header
                    match: { prefix: /header }
                    backend: { upstream: backend }
                    policies:
                      - auth: { anyOf: [ { apiKey: { header: x-api-key } }, { basic: { realm: shop } } ] }
                  - name: query
                    match: { prefix: /query }
                    backend: { upstream: backend }
                    policies:
                      - auth: { anyOf: [ { apiKey: { query: api_key } } ] }
                  - name: cookie
                    match: { prefix: /cookie }
                    backend: { upstream: backend }
                    policies:
                      - auth: { anyOf: [ { apiKey: { cookie: session-key } } ] }
                  - name: either
                    match: { prefix: /either }
                    backend: { upstream: backend }
                    policies:
                      - auth: { anyOf: [ { apiKey: { header: x-api-key } }, { apiKey: { query: api_key } } ] }
                  - name: both
                    match: { prefix: /both }
                    backend: { upstream: backend }
                    policies:
                      - auth: { allOf: [ { apiKey: { header: x-api-key } }, { basic: {} } ] }
                  - name: kept
                    match: { prefix: /kept }
                    backend: { upstream: backend }
                    policies:
                      - auth: { anyOf: [ { apiKey: { header: x-api-key } } ], keepCredential: true,
                                forward: { consumer: x-caller, groups: null, subject: x-subject } }
                  - name: partners
                    match: { prefix: /partners }
                    backend: { upstream: backend }
                    policies:
                      - auth: { anyOf: [ { apiKey: { header: x-api-key } } ], anonymous: guest }
                      - authorize: { groups: [ partners ] }
                  - name: optional
                    match: { prefix: /optional }
                    backend: { upstream: backend }
                    policies:
                      - auth: { anyOf: [ { apiKey: { header: x-api-key } } ], anonymous: guest }
                """.formatted(ApiKeyDigest.of("alice-key"), PasswordHashes.bcrypt("alice-pass", 6),
                ApiKeyDigest.of("bob-key"), PasswordHashes.argon2id("bob-pass", 256, 1, 1), port));
    }

    @AfterAll
    static void stop() {
        if (both != null) {
            both.close();
        }
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + both.gateway().httpPort() + path))
                .timeout(TIMEOUT);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertUnauthenticated(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"code\":\"UNAUTHENTICATED\"");
    }

    @Test
    void anApiKeyInAHeaderReachesTheBackendAsTheConsumersIdentityWithoutTheKey() throws Exception {
        HttpResponse<String> response = get("/header/orders", "x-api-key", "alice-key", "x-consumer", "admin",
                "x-consumer-groups", "admins", "grpc-metadata-x-consumer", "admin");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(header(response.body(), "x-consumer")).containsExactly("alice");
        assertThat(header(response.body(), "x-consumer-groups")).containsExactly("partners,staff");
        assertThat(header(response.body(), "x-api-key")).as("the credential is removed").isEmpty();
        assertThat(header(response.body(), "grpc-metadata-x-consumer")).isEmpty();

        HttpResponse<String> fromFile = get("/header/orders", "x-api-key", "carol-key");
        assertThat(header(fromFile.body(), "x-consumer")).as("a key read from a file").containsExactly("carol");
    }

    @Test
    void aQueryParameterOrACookieIsRemovedBeforeTheBackendSeesTheRequest() throws Exception {
        HttpResponse<String> query = get("/query/orders?page=2&api_key=bob-key&sort=asc");
        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(received(query.body()).get("raw").asText()).isEqualTo("/query/orders?page=2&sort=asc");
        assertThat(header(query.body(), "x-consumer")).containsExactly("bob");

        HttpResponse<String> cookie = get("/cookie/orders", "cookie", "theme=dark; session-key=alice-key; lang=en");
        assertThat(cookie.statusCode()).isEqualTo(200);
        assertThat(header(cookie.body(), "x-consumer")).containsExactly("alice");
        assertThat(String.join(";", header(cookie.body(), "cookie"))).isEqualTo("theme=dark; lang=en");
    }

    @Test
    void aMissingCredentialIsA401ListingEveryChallengeAndAWrongOneToo() throws Exception {
        HttpResponse<String> missing = get("/header/orders");
        assertUnauthenticated(missing);
        assertThat(missing.headers().allValues("www-authenticate")).containsExactly(
                "ApiKey realm=\"polygate\", in=\"header\", name=\"x-api-key\"", "Basic realm=\"shop\", charset=\"UTF-8\"");

        HttpResponse<String> wrong = get("/header/orders", "x-api-key", "guess");
        assertUnauthenticated(wrong);
        assertThat(wrong.body()).contains("unknown API key");
        assertThat(wrong.headers().allValues("www-authenticate")).hasSize(2);
        assertUnauthenticated(get("/query/orders?api_key=guess"));
        assertUnauthenticated(get("/cookie/orders", "cookie", "session-key=guess"));
        assertThat(both.backend().served()).doesNotContain("/header/orders/wrong");
    }

    @Test
    void basicChecksBcryptAndArgon2idHashesAndRefusesAWrongPassword() throws Exception {
        HttpResponse<String> alice = get("/header/me", "authorization", basic("alice:alice-pass"));
        assertThat(alice.statusCode()).as(alice.body()).isEqualTo(200);
        assertThat(header(alice.body(), "x-consumer")).containsExactly("alice");
        assertThat(header(alice.body(), "authorization")).as("the credential is removed").isEmpty();
        HttpResponse<String> again = get("/header/me", "authorization", basic("alice:alice-pass"));
        assertThat(header(again.body(), "x-consumer")).containsExactly("alice");

        HttpResponse<String> bob = get("/header/me", "authorization", basic("bob:bob-pass"));
        assertThat(bob.statusCode()).as(bob.body()).isEqualTo(200);
        assertThat(header(bob.body(), "x-consumer")).containsExactly("bob");

        assertUnauthenticated(get("/header/me", "authorization", basic("alice:bob-pass")));
        assertUnauthenticated(get("/header/me", "authorization", basic("nobody:alice-pass")));
        assertUnauthenticated(get("/header/me", "authorization", "Basic %%%"));
    }

    @Test
    void anonymousCallersPassWithoutACredentialButNeverWithAWrongOne() throws Exception {
        HttpResponse<String> anonymous = get("/optional/x", "x-consumer", "alice");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(header(anonymous.body(), "x-consumer")).containsExactly("guest");
        assertThat(header(anonymous.body(), "x-consumer-groups")).isEmpty();
        assertUnauthenticated(get("/optional/x", "x-api-key", "guess"));
        assertThat(header(get("/optional/x", "x-api-key", "bob-key").body(), "x-consumer")).containsExactly("bob");
    }

    @Test
    void anyOfRefusesCredentialsOfTwoConsumersAndAllOfWantsEveryOneOfOne() throws Exception {
        HttpResponse<String> twoConsumers = get("/either/x?api_key=bob-key", "x-api-key", "alice-key");
        assertUnauthenticated(twoConsumers);
        assertThat(twoConsumers.body()).contains("different consumers");
        HttpResponse<String> twice = get("/either/x?api_key=alice-key&api_key=bob-key");
        assertUnauthenticated(twice);
        assertThat(twice.body()).contains("more than one API key");

        HttpResponse<String> both = get("/both/x", "x-api-key", "bob-key", "authorization", basic("bob:bob-pass"));
        assertThat(both.statusCode()).as(both.body()).isEqualTo(200);
        assertThat(header(both.body(), "x-consumer")).containsExactly("bob");
        assertThat(header(both.body(), "x-api-key")).isEmpty();
        assertThat(header(both.body(), "authorization")).isEmpty();
        assertUnauthenticated(get("/both/x", "x-api-key", "bob-key"));
        assertUnauthenticated(get("/both/x", "x-api-key", "bob-key", "authorization", basic("alice:alice-pass")));
    }

    @Test
    void aKeptCredentialReachesTheBackendWithTheConfiguredIdentityHeaders() throws Exception {
        HttpResponse<String> kept = get("/kept/x", "x-api-key", "alice-key", "x-consumer-groups", "own-header");
        assertThat(kept.statusCode()).isEqualTo(200);
        assertThat(header(kept.body(), "x-api-key")).containsExactly("alice-key");
        assertThat(header(kept.body(), "x-caller")).containsExactly("alice");
        assertThat(header(kept.body(), "x-subject")).containsExactly("alice");
        assertThat(header(kept.body(), "x-consumer-groups")).containsExactly("own-header");
    }

    @Test
    void authorizeAnswers401WithoutACallerAnd403ToACallerOutsideTheGroup() throws Exception {
        HttpResponse<String> anonymous = get("/partners/x");
        assertUnauthenticated(anonymous);
        assertThat(anonymous.headers().allValues("www-authenticate"))
                .containsExactly("ApiKey realm=\"polygate\", in=\"header\", name=\"x-api-key\"");

        HttpResponse<String> carol = get("/partners/x", "x-api-key", "carol-key");
        assertThat(carol.statusCode()).isEqualTo(403);
        assertThat(carol.body()).contains("\"code\":\"PERMISSION_DENIED\"").contains("partners");
        assertThat(carol.headers().firstValue("www-authenticate")).isEmpty();

        assertThat(get("/partners/x", "x-api-key", "bob-key").statusCode()).isEqualTo(200);
    }

    @Test
    void anOversizedCredentialIsRefusedAndTheGatewayKeepsServing() throws Exception {
        String answer = RawHttp.exchange(both.gateway().httpPort(), "GET /header/x HTTP/1.1\r\nhost: localhost\r\n"
                + "x-api-key: " + "k".repeat(40_000) + "\r\nconnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 431");
        assertThat(get("/header/x", "x-api-key", "alice-key").statusCode()).isEqualTo(200);
    }
}
