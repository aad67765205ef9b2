package dev.polygate.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.edge.runtime.ConfigCheck;
import dev.polygate.edge.server.GatewayServer;
import dev.polygate.spi.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} on a file with consumers: their credentials' problems are reported once, at the consumer, however
 * many {@code auth} policies read them; the policies' own problems at the policy.
 */
class ConsumersConfigTest {
    @TempDir
    Path dir;

    @Test
    void credentialProblemsAreReportedOnceAtTheConsumerAndPolicyProblemsAtThePolicy() throws Exception {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, """
                dataDir: %s
                listeners: [ { name: http, address: 127.0.0.1, port: 0 } ]
                policies:
                  - auth: { anyOf: [ { apiKey: { header: x-api-key } } ], anonymous: guest }
                consumers:
                  - name: alice
                    credentials:
                      apiKeys: [ { hash: "sha256:0123" }, { env: POLYGATE_TEST_NO_SUCH_VARIABLE } ]
                      basic: { username: alice, passwordHash: "plain-text" }
                routes:
                  - name: a
                    match: { prefix: /a }
                    translator: test-echo
                    backend: {}
                    policies:
                      - auth: { anyOf: [ { apiKey: { header: x-api-key } }, { bearer: {} } ] }
                      - authorize: { groups: partners, denyByDefault: yes }
                """.formatted(dir));
        ConfigCheck.Result result = ConfigCheck.of(file, GatewayServer::contextFor);
        assertThat(result.problems()).extracting(ConfigException.Problem::path).containsExactly(
                "consumers[0].credentials.apiKeys[0].hash",
                "consumers[0].credentials.apiKeys[1].env",
                "consumers[0].credentials.basic.passwordHash",
                "routes[0].policies[0].auth.anyOf[1].bearer",
                "routes[0].policies[1].authorize.denyByDefault");
    }
}
