package dev.polygate.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.edge.testing.RawHttp;
import dev.polygate.policies.auth.consumers.ApiKeyDigest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Path tricks against a protected prefix: {@code /secure} needs an API key, everything else goes to the same
 * backend without one. Whatever a request's path looks like, if the backend serves its protected resource (a path
 * under {@code /secure/} as the backend decodes it) the request passed the policy; every other trick is a 401 or a
 * path outside {@code /secure/} for the backend too.
 */
class ProtectedPrefixTest {
    @TempDir
    static Path dir;
    static EchoedGateway both;

    @BeforeAll
    static void start() throws Exception {
        both = EchoedGateway.start(dir, null, port -> """
                consumers:
                  - { name: alice, credentials: { apiKeys: [ { hash: "%s" } ] } }
                upstreams:
                  backend: { endpoints: [ "http://127.0.0.1:%d" ] }
                routes:
                  - name: secure
                    match: { prefix: /secure }
                    backend: { upstream: backend }
                    policies:
                      - auth: { anyOf: [ { apiKey: { header: x-api-key } } ] }
                  - name: public
                    match: { prefix: / }
                    backend: { upstream: backend }
                """.formatted(ApiKeyDigest.of("alice-key"), port));
    }

    @AfterAll
    static void stop() {
        if (both != null) {
            both.close();
        }
    }

    /** The status line's code and the decoded path the backend served, or null when nothing reached it. */
    private static String[] get(String target, String apiKey) throws Exception {
        int before = both.backend().served().size();
        String answer = RawHttp.exchange(both.gateway().httpPort(), "GET " + target + " HTTP/1.1\r\nhost: localhost\r\n"
                + (apiKey == null ? "" : "x-api-key: " + apiKey + "\r\n") + "connection: close\r\n\r\n");
        List<String> served = both.backend().served();
        return new String[] {answer.substring(9, 12), served.size() > before ? served.get(served.size() - 1) : null};
    }

    @Test
    void noTrickReachesTheProtectedResourceWithoutTheKey() throws Exception {
        List<String> tricks = List.of("/secure/x", "/secure/../secure/x", "/public/../secure/x", "/secure/./x",
                "//secure/x", "/secure//x", "/%2e/secure/x", "/%2E%2E/secure/x", "/public/%2e%2e/secure/x",
                "/secure%2fx", "/%73ecure/x", "/s%65cure/x", "/SECURE/x", "/Secure/x", "/secure./x", "/secure%2e/x",
                "/secure/x?../../", "/./secure/x", "/secure;/x", "/secure%3b/x", "/secure%00/x", "/secure%5cx",
                "/public/..%2fsecure/x", "/secure/x/..", "/secure/%2e%2e/secure/x");
        for (String trick : tricks) {
            String[] outcome = get(trick, null);
            String served = outcome[1];
            assertThat(served == null || !(served.equals("/secure") || served.startsWith("/secure/")))
                    .as("%s answered %s after the backend served %s", trick, outcome[0], served).isTrue();
            if (served == null) {
                assertThat(outcome[0]).as(trick).isIn("400", "401", "404");
            }
        }
    }

    @Test
    void theProtectedPrefixIsMatchedOnTheNormalisedPathWhichIsWhatTheBackendGets() throws Exception {
        for (String trick : List.of("/secure/../secure/x", "/public/../secure/x", "//secure/x", "/%2e/secure/x",
                "/secure/./x")) {
            assertThat(get(trick, null)[0]).as(trick).isEqualTo("401");
            String[] passed = get(trick, "alice-key");
            assertThat(passed[0]).as(trick).isEqualTo("200");
            assertThat(passed[1]).as(trick).isEqualTo("/secure/x");
        }
    }
}
