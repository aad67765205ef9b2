package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.rpc.ErrorInfo;
import dev.polygate.wsdl.cxf.CxfServicesProcess;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code wsSecurity: { credentials: caller }} through the built gateway, against CXF's WSS4J: each caller's
 * {@code Authorization: Basic} becomes the UsernameToken (PasswordText on SOAP 1.1 and 1.2, PasswordDigest),
 * a refused one is a 401 / UNAUTHENTICATED with the backend's fault, missing or malformed credentials never
 * reach the backend, and the Authorization header itself never does. Users: alice/secret and
 * bob/"correct horse battery staple". The {@code caller-text} route goes through a relay that records what the
 * backend receives.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SoapCallerCredentialsTest {
    private static final String SERVICE = "soap.securecalculatorservice.SecureCalculatorService";
    private static final String REALM = "Basic realm=\"SecureCalculatorService\"";
    private static final String ALICE = basic("alice:secret");
    private static final String BOB = basic("bob:correct horse battery staple");
    private static final List<String> CALLER_ROUTES = List.of("/caller-text", "/caller-digest", "/caller-text12");
    private static final HttpClient H1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    static Path dir;
    static CxfServicesProcess cxf;
    static SoapCallerRelay relay;
    static GatewayProcess gateway;
    static SoapRest rest;
    static SoapCallerGrpcClient grpc;

    @BeforeAll
    static void start() throws Exception {
        cxf = CxfServicesProcess.start();
        URI any = cxf.endpoint("secure-text");
        relay = new SoapCallerRelay(URI.create("http://" + any.getHost() + ":" + any.getPort()));
        String caller = "{ credentials: caller }";
        String wrongConfig = "{ username: alice, password: guess }";
        String routes = route("caller-text", "/caller-text/**", "relay", "secure-text", caller)
                + route("caller-digest", "/caller-digest/**", "cxf", "secure-digest", "{ credentials: caller, digest: true }")
                + route("caller-text12", "/caller-text12/**", "cxf", "secure-text12", caller)
                + route("config-text", "/config-text/**", "cxf", "secure-text", wrongConfig)
                + route("config-text12", "/config-text12/**", "cxf", "secure-text12", wrongConfig)
                + route("caller-grpc", "/" + SERVICE + "/*", "cxf", "secure-text", caller);
        Path config = dir.resolve("caller.yaml");
        Files.writeString(config, """
                reload: { watch: false }
                admin: { port: 0 }
                listeners:
                  - { name: http, address: 127.0.0.1, port: 0 }
                upstreams:
                  cxf: { endpoints: [ "http://%s:%d" ] }
                  relay: { endpoints: [ "http://127.0.0.1:%d" ] }
                routes:
                  - { name: reflection, match: { path: "/grpc.reflection.v1.ServerReflection/*" },
                      translator: grpc-reflection, backend: {} }
                """.formatted(any.getHost(), any.getPort(), relay.port()) + routes);
        gateway = GatewayProcess.start(List.of("-Xmx128m"), "run", "--config", config.toString());
        rest = new SoapRest("http://127.0.0.1:" + gateway.port("http"));
        grpc = SoapCallerGrpcClient.connect(gateway.port("http"), SERVICE);
    }

    /** A soap route whose REST prefix is {@code /name}. */
    private static String route(String name, String match, String upstream, String service, String wsSecurity) {
        return """
                  - { name: %s, match: { path: "%s" }, translator: soap,
                      backend: { upstream: %s, wsdl: "%s", prefix: /%s, wsSecurity: %s } }
                """.formatted(name, match, upstream, cxf.wsdl(service), name, wsSecurity);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable open : new AutoCloseable[] {grpc, gateway, relay, cxf}) {
            if (open != null) {
                open.close();
            }
        }
    }

    @Test
    void eachCallerReachesTheBackendAsItsOwnUser() throws Exception {
        for (String prefix : CALLER_ROUTES) {
            HttpResponse<String> alice = rest.post(prefix + "/WhoAmI", "{}", "authorization", ALICE);
            assertThat(alice.statusCode()).as(prefix + ": " + alice.body()).isEqualTo(200);
            assertThat(SoapRest.json(alice).path("user").asText()).as(prefix).isEqualTo("alice");
            HttpResponse<String> bob = rest.post(prefix + "/WhoAmI", "{}", "authorization", BOB);
            assertThat(SoapRest.json(bob).path("user").asText()).as(prefix + ": " + bob.body()).isEqualTo("bob");
            HttpResponse<String> sum = rest.post(prefix + "/Add", "{\"a\":\"2\",\"b\":\"3\"}", "authorization", BOB);
            assertThat(SoapRest.json(sum).path("sum").asText()).as(prefix + ": " + sum.body()).isEqualTo("5");
        }
    }

    @Test
    void aWrongPasswordIsA401CarryingTheBackendsFault() throws Exception {
        for (String prefix : CALLER_ROUTES) {
            for (String refused : List.of(basic("alice:guess"), basic("mallory:secret"))) {
                HttpResponse<String> response = rest.post(prefix + "/WhoAmI", "{}", "authorization", refused);
                assertThat(response.statusCode()).as(prefix + ": " + response.body()).isEqualTo(401);
                assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
                assertThat(response.headers().firstValue("www-authenticate").orElse("")).startsWith(REALM);
                JsonNode problem = SoapRest.json(response);
                assertThat(problem.path("status").asInt()).isEqualTo(401);
                assertThat(problem.path("code").asText()).isEqualTo("SOAP_FAULT");
                assertThat(problem.path("reason").asText())
                        .isEqualTo("The security token could not be authenticated or authorized");
                if (prefix.endsWith("12")) {
                    // SOAP 1.2: a Sender fault whose subcode is the WS-Security reason
                    assertThat(problem.path("faultcode").asText()).isEqualTo("Sender");
                    assertThat(problem.path("subcodes")).as(response.body()).hasSize(1);
                    assertThat(problem.path("subcodes").get(0).asText()).isEqualTo("FailedAuthentication");
                } else {
                    assertThat(problem.path("faultcode").asText()).as(response.body()).isEqualTo("FailedAuthentication");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer eyJhbGciOiJub25lIn0.e30.", "Basic !!not-base64!!", "Basic YWxpY2U=",
            "Basic OnNlY3JldA==", "Digest username=\"alice\""})
    void missingOrMalformedCredentialsNeverReachTheBackend(String authorization) throws Exception {
        int before = relay.received().size();
        HttpResponse<String> response = authorization.isEmpty()
                ? rest.post("/caller-text/Add", "{\"a\":\"1\",\"b\":\"2\"}")
                : rest.post("/caller-text/Add", "{\"a\":\"1\",\"b\":\"2\"}", "authorization", authorization);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("www-authenticate").orElse("")).startsWith(REALM);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode problem = SoapRest.json(response);
        assertThat(problem.path("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(problem.path("detail").asText()).isNotBlank().doesNotContain("secret");
        assertThat(relay.received()).hasSize(before);
    }

    @Test
    void theAuthorizationHeaderItselfNeverReachesTheBackend() throws Exception {
        int before = relay.received().size();
        HttpResponse<String> response = rest.post("/caller-text/WhoAmI", "{}", "authorization", BOB,
                "grpc-metadata-authorization", ALICE);
        assertThat(SoapRest.json(response).path("user").asText()).as(response.body()).isEqualTo("bob");
        List<SoapCallerRelay.Received> received = relay.received();
        assertThat(received).hasSize(before + 1);
        SoapCallerRelay.Received request = received.get(received.size() - 1);
        assertThat(request.headers()).doesNotContainKey("authorization");
        assertThat(request.headers().values().toString()).doesNotContain(BOB.substring(6), ALICE.substring(6));
        assertThat(request.body()).contains("<wsse:Username>bob</wsse:Username>", "correct horse battery staple");
    }

    @Test
    void refusedConfigCredentialsAreTheGatewaysFaultOnBothSoapVersions() throws Exception {
        for (String prefix : List.of("/config-text", "/config-text12")) {
            HttpResponse<String> response = rest.post(prefix + "/WhoAmI", "{}", "authorization", ALICE);
            assertThat(response.statusCode()).as(prefix + ": " + response.body()).isEqualTo(502);
            assertThat(response.headers().firstValue("www-authenticate")).isEmpty();
            JsonNode problem = SoapRest.json(response);
            assertThat(problem.path("code").asText()).isEqualTo("SOAP_FAULT");
            assertThat(problem.path("faultcode").asText()).isIn("FailedAuthentication", "Sender");
        }
    }

    @Test
    void aGrpcClientAuthenticatesWithItsAuthorizationMetadata() throws Exception {
        assertThat(SoapRest.json(grpc.callAs(ALICE, "WhoAmI", "{}")).path("user").asText()).isEqualTo("alice");
        assertThat(SoapRest.json(grpc.callAs(BOB, "Add", "{\"a\":\"40\",\"b\":\"2\"}")).path("sum").asText())
                .isEqualTo("42");
    }

    @Test
    void aGrpcClientWithoutOrWithRefusedCredentialsIsUnauthenticated() {
        assertThatThrownBy(() -> grpc.call("WhoAmI", "{}")).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(e.getStatus().getDescription()).contains("Authorization");
        });
        assertThatThrownBy(() -> grpc.callAs(basic("bob:guess"), "WhoAmI", "{}"))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                    ErrorInfo info = SoapCallerGrpcClient.errorInfo(e);
                    assertThat(info.getReason()).isEqualTo("SOAP_FAULT");
                    assertThat(info.getMetadataMap()).containsEntry("faultcode", "FailedAuthentication");
                });
    }

    @Test
    void aGrpcWebClientAuthenticatesWithItsAuthorizationHeader() throws Exception {
        for (String authorization : List.of(ALICE, "")) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + gateway.port("http") + "/" + SERVICE + "/WhoAmI"))
                    .header("content-type", "application/grpc-web+proto").header("x-grpc-web", "1")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(GrpcWebBody.frame(new byte[0])))
                    .timeout(Duration.ofSeconds(15));
            if (!authorization.isEmpty()) {
                request.header("authorization", authorization);
            }
            HttpResponse<byte[]> response = H1.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            GrpcWebBody body = GrpcWebBody.parse(response.body());
            if (authorization.isEmpty()) {
                assertThat(body.messages()).isEmpty();
                assertThat(body.trailers()).containsEntry("grpc-status", "16");
            } else {
                assertThat(body.trailers()).containsEntry("grpc-status", "0");
                assertThat(SoapRest.json(grpc.decode("WhoAmI", body.messages().get(0))).path("user").asText())
                        .isEqualTo("alice");
            }
        }
    }

    private static String basic(String userPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
    }
}
