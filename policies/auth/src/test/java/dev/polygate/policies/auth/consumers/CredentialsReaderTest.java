package dev.polygate.policies.auth.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.certs.DevCertificateAuthority;
import dev.polygate.policies.auth.ConsumersContext;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.Consumer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumers' credentials read and indexed: keys from a digest, a file or an environment variable (only digests
 * kept), Basic logins, certificate names; each problem at its place under {@code consumers[i].credentials}.
 */
class CredentialsReaderTest {
    private static final String BCRYPT = "$2b$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i";
    private static final Map<String, String> ENVIRONMENT = Map.of("PARTNER_KEY", " partner-key\n");

    @TempDir
    Path dir;

    private ConsumerCredentials read(String json, List<ConfigException.Problem> problems) {
        List<Consumer> consumers = ConsumersContext.consumers(json);
        return new CredentialsReader(dir, ENVIRONMENT::get, Set.of("jwt")).read(consumers, problems);
    }

    @Test
    void apiKeysFromADigestAFileOrTheEnvironmentAreKeptAsDigests() throws Exception {
        Files.writeString(dir.resolve("ops.key"), "  ops-key\n");
        List<ConfigException.Problem> problems = new ArrayList<>();
        ConsumerCredentials credentials = read("""
                [ { "name": "alice", "credentials": { "apiKeys": [ { "hash": "%s" }, { "file": "ops.key" } ] } },
                  { "name": "partner", "groups": [ "partners" ], "credentials": { "apiKeys": [ { "env": "PARTNER_KEY" } ] } } ]
                """.formatted(ApiKeyDigest.of("alice-key")), problems);
        assertThat(problems).isEmpty();
        assertThat(credentials.byApiKey(ApiKeyDigest.of("alice-key"))).get().extracting(Consumer::name).isEqualTo("alice");
        assertThat(credentials.byApiKey(ApiKeyDigest.of("ops-key"))).get().extracting(Consumer::name).isEqualTo("alice");
        assertThat(credentials.byApiKey(ApiKeyDigest.of("partner-key"))).get()
                .extracting(Consumer::groups).isEqualTo(Set.of("partners"));
        assertThat(credentials.byApiKey(ApiKeyDigest.of("other"))).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtItsPlaceUnderTheConsumer() {
        List<ConfigException.Problem> problems = new ArrayList<>();
        read("""
                [ { "name": "a", "credentials": { "apiKeys": [ { "hash": "sha256:12" }, { "file": "missing.key" },
                      { "env": "UNSET" }, { "key": "plain" }, { "hash": "%1$s", "env": "PARTNER_KEY" } ],
                    "basic": { "username": "a:b", "passwordHash": "secret" }, "certificates": [ { "subject": "not a dn" },
                      { "san": "" }, {} ], "apikeys": [] } },
                  { "name": "b", "credentials": { "apiKeys": [ { "hash": "%1$s" } ] } },
                  { "name": "c", "credentials": { "apiKeys": [ { "hash": "%1$s" } ], "jwt": { "subject": "c" } } } ]
                """.formatted(ApiKeyDigest.of("shared")), problems);
        assertThat(problems).extracting(ConfigException.Problem::path).containsExactlyInAnyOrder(
                "consumers[0].credentials.apikeys",
                "consumers[0].credentials.apiKeys[0].hash",
                "consumers[0].credentials.apiKeys[1].file",
                "consumers[0].credentials.apiKeys[2].env",
                "consumers[0].credentials.apiKeys[3].key",
                "consumers[0].credentials.apiKeys[3]",
                "consumers[0].credentials.apiKeys[4]",
                "consumers[0].credentials.basic.username",
                "consumers[0].credentials.basic.passwordHash",
                "consumers[0].credentials.certificates[0].subject",
                "consumers[0].credentials.certificates[1].san",
                "consumers[0].credentials.certificates[2]",
                "consumers[2].credentials.apiKeys[0]");
        assertThat(problems).anySatisfy(p -> assertThat(p.toString()).isEqualTo("consumers[2].credentials.apiKeys[0]:"
                + " the same API key as consumers[1] (b); each key must name one consumer"));
        assertThat(problems).anySatisfy(p -> assertThat(p.toString())
                .contains("apiKeys[2].env: environment variable UNSET is not set"));
        assertThat(problems).anySatisfy(p -> assertThat(p.toString()).contains("apiKeys[1].file: cannot read"));
    }

    @Test
    void basicLoginsAreIndexedByUserNameAndUnique() {
        List<ConfigException.Problem> problems = new ArrayList<>();
        ConsumerCredentials credentials = read("""
                [ { "name": "alice", "credentials": { "basic": { "username": "alice", "passwordHash": "%1$s" } } },
                  { "name": "mallory", "credentials": { "basic": { "username": "alice", "passwordHash": "%1$s" } } } ]
                """.formatted(BCRYPT), problems);
        assertThat(problems).extracting(Object::toString).containsExactly(
                "consumers[1].credentials.basic.username: user name 'alice' is also consumers[0] (alice)'s");
        assertThat(credentials.byUsername("alice")).get().satisfies(login -> {
            assertThat(login.consumer().name()).isEqualTo("alice");
            assertThat(login.passwordHash().matches("abc")).isTrue();
        });
        assertThat(credentials.byUsername("bob")).isEmpty();
        assertThat(credentials.decoyHash()).isPresent();
    }

    @Test
    void certificatesAreMatchedBySubjectOrAlternativeName() throws Exception {
        DevCertificateAuthority ca = DevCertificateAuthority.loadOrCreate(dir.resolve("ca"));
        X509Certificate alice = ca.issueClient("alice", Duration.ofDays(1)).chain().get(0);
        X509Certificate billing = ca.issueClient("billing-7", List.of("Billing.Example.ORG",
                "spiffe://example.org/billing", "ops@example.org"), Duration.ofDays(1)).chain().get(0);
        X509Certificate stranger = ca.issueClient("stranger", List.of("stranger.example.org"), Duration.ofDays(1))
                .chain().get(0);
        List<ConfigException.Problem> problems = new ArrayList<>();
        ConsumerCredentials credentials = read("""
                [ { "name": "alice", "credentials": { "certificates": [ { "subject": "cn=alice" } ] } },
                  { "name": "billing", "credentials": { "certificates": [ { "san": "billing.example.org." } ] } },
                  { "name": "spiffe", "credentials": { "certificates": [ { "san": "spiffe://example.org/billing" } ] } },
                  { "name": "twice", "credentials": { "certificates": [ { "subject": "CN = alice" } ] } } ]
                """, problems);
        assertThat(problems).extracting(Object::toString).containsExactly("consumers[3].credentials.certificates[0]"
                + ".subject: also names consumers[0] (alice); each certificate name must name one consumer");
        assertThat(credentials.byCertificate(alice)).extracting(Consumer::name).containsExactly("alice");
        assertThat(credentials.byCertificate(billing)).as("two of its names name two consumers")
                .extracting(Consumer::name).containsExactlyInAnyOrder("billing", "spiffe");
        assertThat(credentials.byCertificate(stranger)).isEmpty();
    }
}
