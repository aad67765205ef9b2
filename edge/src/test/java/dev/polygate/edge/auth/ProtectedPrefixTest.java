package dev.polygate.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.edge.testing.RawHttp;
import dev.polygate.policies.auth.consumers.ApiKeyDigest;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Path tricks against a protected prefix: {@code /secure} needs an API key, everything else goes to the same
 * backend without one. Whatever a request's path looks like, if the backend serves its protected resource (a path
 * under {@code /secure/} as the backend decodes it) the request passed the policy; every other trick is a 401 or a
 * path outside {@code /secure/} for the backend too. With the {@code paths} options, the same holds for a backend
 * that reads paths as a servlet container does (case folded, {@code ;} parameters and trailing dots dropped).
 */
class ProtectedPrefixTest {
    /** The tricks a servlet-style backend (case folded, {@code ;} parameters and trailing dots dropped) falls for. */
    private static final List<String> SERVLET_TRICKS = List.of("/SECURE/x", "/Secure/x", "/secure;jsessionid=1/x",
            "/secure;/x", "/secure./x", "/secure%2e/x", "/SeCuRe;a=b./x", "/secure.;x/y", "/;a/secure/x",
            "/public/..;/secure/x", "/secure/x;.", "/SECURE/../secure/x", "/secure../x", "/%53ECURE/x");

    @TempDir
    static Path dir;
    static EchoedGateway both;
    /** The same routes with paths: { parameters: strip, trailingDots: refuse, caseSensitive: false }. */
    static EchoedGateway servletStyle;
    /** The same routes with paths: { parameters: refuse, trailingDots: refuse, caseSensitive: false }. */
    static EchoedGateway refusing;

    @BeforeAll
    static void start() throws Exception {
        both = EchoedGateway.start(dir.resolve("plain"), null, port -> yaml(port, ""));
        servletStyle = EchoedGateway.start(dir.resolve("servlet"), null, port -> yaml(port,
                "paths: { parameters: strip, trailingDots: refuse, caseSensitive: false }\n"));
        refusing = EchoedGateway.start(dir.resolve("refusing"), null, port -> yaml(port,
                "paths: { parameters: refuse, trailingDots: refuse, caseSensitive: false }\n"));
    }

    private static String yaml(int port, String paths) {
        return paths + """
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
                  - name: stripped
                    match: { prefix: /api }
                    stripPrefix: /api
                    backend: { upstream: backend }
                  - name: public
                    match: { prefix: / }
                    backend: { upstream: backend }
                """.formatted(ApiKeyDigest.of("alice-key"), port);
    }

    @AfterAll
    static void stop() {
        for (EchoedGateway gateway : new EchoedGateway[] {both, servletStyle, refusing}) {
            if (gateway != null) {
                gateway.close();
            }
        }
    }

    /** The status line's code and the decoded path the backend served, or null when nothing reached it. */
    private static String[] get(String target, String apiKey) throws Exception {
        return get(both, target, apiKey);
    }

    private static String[] get(EchoedGateway gateway, String target, String apiKey) throws Exception {
        int before = gateway.backend().served().size();
        String answer = RawHttp.exchange(gateway.gateway().httpPort(), "GET " + target + " HTTP/1.1\r\n"
                + "host: localhost\r\n" + (apiKey == null ? "" : "x-api-key: " + apiKey + "\r\n")
                + "connection: close\r\n\r\n");
        List<String> served = gateway.backend().served();
        return new String[] {answer.substring(9, 12), served.size() > before ? served.get(served.size() - 1) : null};
    }

    /** The path as a servlet container resolves it: {@code ;} parameters and trailing dots dropped, case folded. */
    private static String asServletReads(String path) {
        return path.replaceAll(";[^/]*", "").replaceAll("\\.+(/|$)", "$1").toLowerCase(Locale.ROOT);
    }

    private static boolean underSecure(String path) {
        return path.equals("/secure") || path.startsWith("/secure/");
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

    @Test
    void withThePathOptionsEveryServletStyleTrickIsUnderTheProtectedPrefixOrRefused() throws Exception {
        for (EchoedGateway gateway : List.of(servletStyle, refusing)) {
            for (String trick : SERVLET_TRICKS) {
                String[] outcome = get(gateway, trick, null);
                assertThat(outcome[1]).as("%s answered %s after the backend served %s", trick, outcome[0], outcome[1])
                        .isNull();
                assertThat(outcome[0]).as(trick).isIn("400", "401");
            }
        }
        for (String trick : List.of("/SECURE/x", "/secure;jsessionid=1/x", "/secure./x")) {
            String served = get(both, trick, null)[1];
            assertThat(served).as("without the options %s reaches the catch-all", trick).isNotNull();
            assertThat(underSecure(asServletReads(served))).as("and a servlet container reads it as protected")
                    .isTrue();
        }
    }

    @Test
    void withThePathOptionsEachTrickIsUnderTheProtectedPrefixOrRefused() throws Exception {
        assertThat(get(servletStyle, "/SECURE/x", null)[0]).isEqualTo("401");
        assertThat(get(servletStyle, "/SECURE/x", "alice-key")).as("the backend gets the case as sent")
                .containsExactly("200", "/SECURE/x");
        assertThat(get(servletStyle, "/secure;jsessionid=1/x", null)[0]).isEqualTo("401");
        assertThat(get(servletStyle, "/secure;jsessionid=1/x?a=1;b", "alice-key")).as("parameters stripped")
                .containsExactly("200", "/secure/x");
        assertThat(get(servletStyle, "/secure./x", "alice-key")).containsExactly("400", null);
        assertThat(get(servletStyle, "/public/file.txt", null)).containsExactly("200", "/public/file.txt");
        assertThat(get(servletStyle, "/API/Orders", null)).as("the prefix stripped whatever its case")
                .containsExactly("200", "/Orders");

        assertThat(get(refusing, "/secure;jsessionid=1/x", "alice-key")).containsExactly("400", null);
        assertThat(get(refusing, "/Secure/x", "alice-key")).containsExactly("200", "/Secure/x");

        assertThat(get(both, "/SECURE/x", null)).as("the defaults keep matching case-sensitively")
                .containsExactly("200", "/SECURE/x");
    }
}
