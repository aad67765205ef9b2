package dev.polygate.edge.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polygate.edge.config.ConfigLoader;
import dev.polygate.edge.grpc.GrpcBackend;
import dev.polygate.edge.server.GatewayServer;
import dev.polygate.edge.testing.RunningGateway;
import dev.polygate.spi.ConfigException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ipRules} through a real gateway in front of a real gRPC backend: IPv4, IPv6 and IPv4-mapped clients (named
 * by the trusted proxy 127.0.0.1 in {@code X-Forwarded-For}), deny over allow, refusals in the client's protocol
 * (gRPC-Web status 7, {@code google.rpc.Status} on transcoded REST paths), a global rule that refuses before routing,
 * and configuration errors at their paths.
 */
class IpRulesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] EMPTY_GRPC_WEB_MESSAGE = {0, 0, 0, 0, 0};

    @TempDir
    static Path dir;
    static GrpcBackend backend;
    static RunningGateway gateway;
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    @BeforeAll
    static void start() throws Exception {
        backend = GrpcBackend.start();
        gateway = RunningGateway.start(dir, null, """
                trustedProxies: [ "127.0.0.1/32" ]
                policies:
                  - ipRules: { deny: [ "192.0.2.0/24" ] }
                upstreams:
                  grpc: { endpoints: [ "h2c://127.0.0.1:%d" ] }
                routes:
                  - name: library
                    match: { prefix: "/" }
                    translator: grpc
                    backend: { upstream: grpc, schema: { descriptorSets: [ "%s" ] } }
                    policies:
                      - ipRules:
                          allow: [ "203.0.113.0/24", "2001:db8::/32", "::ffff:198.51.100.0/120" ]
                          deny: [ "203.0.113.66", "2001:db8:bad::/48" ]
                """.formatted(backend.port(), descriptorSet()));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        backend.close();
    }

    static Path descriptorSet() throws Exception {
        Path file = dir.resolve("services.pb");
        try (InputStream in = IpRulesTest.class.getResourceAsStream("/dev/polygate/proto/polygate-services.pb")) {
            Files.copy(in, file);
        }
        return file;
    }

    private static HttpResponse<String> grpcWeb(String client) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort()
                        + "/polygate.test.v1.Library/Ping"))
                .header("content-type", "application/grpc-web+proto").header("x-grpc-web", "1")
                .header("x-forwarded-for", client).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(EMPTY_GRPC_WEB_MESSAGE)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    }

    private static HttpResponse<String> rest(String client, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
                .header("x-forwarded-for", client).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void allowedClientsOfEveryFamilyReachTheBackend() throws Exception {
        for (String client : new String[] {"203.0.113.7", "2001:db8::5", "::ffff:203.0.113.9", "198.51.100.7"}) {
            HttpResponse<String> answer = grpcWeb(client);
            assertThat(answer.statusCode()).as(client).isEqualTo(200);
            assertThat(answer.body()).as(client).contains("pong").contains("grpc-status:0");
        }
    }

    @Test
    void aRefusedGrpcWebClientGetsPermissionDenied() throws Exception {
        for (String client : new String[] {"198.51.101.7", "2001:db9::5", "203.0.113.66", "2001:db8:bad::1",
                "::ffff:198.51.101.7"}) {
            HttpResponse<String> refused = grpcWeb(client);
            assertThat(refused.statusCode()).as(client).isEqualTo(200);
            assertThat(refused.headers().firstValue("grpc-status")).as(client).hasValue("7");
            assertThat(refused.headers().firstValue("grpc-message")).as(client)
                    .hasValue("requests from this address are not allowed");
        }
    }

    @Test
    void aRefusedRestClientGetsA403InTheRoutesDialect() throws Exception {
        HttpResponse<String> refused = rest("198.51.101.7", "/v1/shelves");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).get("code").asInt()).as("google.rpc.Status PERMISSION_DENIED")
                .isEqualTo(7);
        assertThat(rest("203.0.113.7", "/v1/shelves").statusCode()).isEqualTo(200);
    }

    @Test
    void aGlobalRuleRefusesBeforeRoutingInProblemJson() throws Exception {
        HttpResponse<String> refused = rest("192.0.2.5", "/nowhere/at/all");
        assertThat(refused.statusCode()).as("no 404 tells a refused client what exists").isEqualTo(403);
        assertThat(refused.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(refused.body()).get("code").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(rest("203.0.113.7", "/nowhere/at/all").statusCode()).isEqualTo(404);
    }

    @Test
    void malformedNetworksAreConfigurationErrorsAtTheirPaths() throws Exception {
        String yaml = """
                dataDir: %s
                admin: { enabled: false }
                trustedProxies: [ "10.0.0.0/8", "proxy.example.com" ]
                listeners: [ { name: http, address: 127.0.0.1, port: 0 } ]
                policies:
                  - ipRules: { deny: [ "10.0.0.1/8" ] }
                  - ipRules: {}
                routes:
                  - name: r
                    match: { prefix: / }
                    translator: test-echo
                    backend: {}
                    policies:
                      - ipRules: { allow: [ "10.0.0.0/8", "2001:db8::/130", 7 ], block: [] }
                """.formatted(dir);
        ConfigException loading = catchThrowableOfType(() -> ConfigLoader.parse(yaml, null, dir), ConfigException.class);
        assertThat(loading.problems()).extracting(ConfigException.Problem::toString)
                .containsExactly("trustedProxies[1]: 'proxy.example.com' is not an IP address or CIDR block; write "
                        + "e.g. 10.0.0.0/8, 192.0.2.7 or 2001:db8::/32");

        String valid = yaml.replace(", \"proxy.example.com\"", "");
        ConfigException building = catchThrowableOfType(
                () -> GatewayServer.start(ConfigLoader.parse(valid, null, dir)), ConfigException.class);
        assertThat(building.problems()).extracting(ConfigException.Problem::toString).containsExactlyInAnyOrder(
                "policies[0].ipRules.deny[0]: '10.0.0.1/8' has bits set after its prefix; the network is 10.0.0.0/8",
                "policies[1].ipRules: needs allow, deny or both",
                "routes[0].policies[0].ipRules.allow[1]: '2001:db8::/130' has a prefix length that is not a number "
                        + "from 0 to 128",
                "routes[0].policies[0].ipRules.allow[2]: must be an IP address or CIDR block such as 10.0.0.0/8",
                "routes[0].policies[0].ipRules.block: unknown key; expected one of allow, deny");
    }
}
