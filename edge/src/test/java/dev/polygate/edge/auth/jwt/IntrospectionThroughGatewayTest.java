package dev.polygate.edge.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.policies.auth.jwt.LoopbackHttpServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code introspection} method of the {@code auth} policy through a real gateway, against a real introspection
 * endpoint on loopback that counts the calls it gets.
 */
class IntrospectionThroughGatewayTest {
    @TempDir
    Path directory;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private LoopbackHttpServer introspection;
    private TokenGateway gateway;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(directory.resolve("introspection-secret"), "gateway-secret\n");
        long later = Instant.now().getEpochSecond() + 3600;
        introspection = new LoopbackHttpServer((method, body, exchange) -> {
            String token = body.replaceAll("^token=([^&]*).*$", "$1");
            calls.computeIfAbsent(token, unused -> new AtomicInteger()).incrementAndGet();
            return LoopbackHttpServer.Answer.json(token.equals("opaque-alice")
                    ? "{\"active\": true, \"sub\": \"alice\", \"scope\": \"orders:read\", \"exp\": " + later + "}"
                    : "{\"active\": false}");
        });
        gateway = new TokenGateway(directory);
    }

    @AfterEach
    void stop() {
        gateway.close();
        introspection.close();
    }

    private static String route(URI url) {
        return "  - name: orders\n    match: { prefix: /orders }\n    backend: { upstream: backend }\n"
                + "    policies:\n      - auth:\n          anyOf:\n            - introspection: { url: \"" + url
                + "\", clientId: gateway, clientSecret: { file: introspection-secret }, timeout: 1s }\n";
    }

    @Test
    void anActiveTokenReachesTheBackendAsItsConsumerAndItsAnswerIsReused() throws Exception {
        gateway.start("", route(introspection.uri("/introspect")));
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = gateway.bearer("/orders/" + i, "opaque-alice");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("x-consumer: alice\n", "x-consumer-groups: staff\n")
                    .doesNotContain("authorization");
        }
        assertThat(calls.get("opaque-alice").get()).isEqualTo(1);

        HttpResponse<String> inactive = gateway.bearer("/orders/1", "revoked");
        assertThat(inactive.statusCode()).isEqualTo(401);
        assertThat(inactive.body()).contains("token inactive");
        assertThat(inactive.headers().firstValue("www-authenticate")).hasValue(
                "Bearer realm=\"polygate\", error=\"invalid_token\", error_description=\"token inactive\"");
        assertThat(gateway.bearer("/orders/1", "revoked").statusCode()).isEqualTo(401);
        assertThat(calls.get("revoked").get()).isEqualTo(1);
    }

    @Test
    void anIntrospectionServerThatIsDownIsA503NotA401() throws Exception {
        URI url = introspection.uri("/introspect");
        gateway.start("", route(url));
        introspection.close();
        HttpResponse<String> response = gateway.bearer("/orders/1", "opaque-alice");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("the token introspection service is unavailable")
                .doesNotContain("127.0.0.1");
    }
}
