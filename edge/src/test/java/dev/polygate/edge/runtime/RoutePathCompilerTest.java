package dev.polygate.edge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polygate.edge.config.ConfigLoader;
import dev.polygate.edge.config.GatewayConfig;
import dev.polygate.edge.server.GatewayServer;
import dev.polygate.spi.ConfigException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What building the routes checks about a route's paths, as {@code gateway check} and a reload see it. */
class RoutePathCompilerTest {
    @TempDir
    Path dir;

    private RoutingSnapshot build(String routesYaml) throws ConfigException {
        GatewayConfig config = ConfigLoader.parse("routes:\n" + routesYaml, null, dir);
        return RoutingSnapshot.build(config, Extensions.load(), GatewayServer.contextFor(config));
    }

    private List<ConfigException.Problem> problems(String routesYaml) {
        try {
            build(routesYaml).close();
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the routes to be rejected");
    }

    @Test
    void aPathListedTwiceOrMatchingTheSamePathsAsAnEarlierOneIsAnError() {
        assertThat(problems("""
                  - { name: ok, match: { path: /ok }, translator: test-echo }
                  - name: twice
                    match: { paths: [ "/a/{id}", "/b/**", "/a/{id}" ] }
                    translator: test-echo
                  - name: same-shape
                    match: { paths: [ "/users/{id}/**", "/users/*/{rest=**}" ] }
                    translator: test-echo
                  - name: prefixes
                    match: { prefixes: [ /api, /api/, /api ] }
                    translator: test-echo
                """)).containsExactly(
                new ConfigException.Problem("routes[1].match.paths[2]",
                        "'/a/{id}' is already listed at routes[1].match.paths[0]"),
                new ConfigException.Problem("routes[2].match.paths[1]", "'/users/*/{rest=**}' matches the same "
                        + "paths as '/users/{id}/**' at routes[2].match.paths[0]; keep one of them"),
                new ConfigException.Problem("routes[3].match.prefixes[2]",
                        "'/api' is already listed at routes[3].match.prefixes[0]"));
    }

    @Test
    void aMalformedTemplateIsReportedAtItsEntry() {
        assertThat(problems("""
                  - name: broken
                    match: { paths: [ "/ok/**", "/a/**/b", "/c/{x" ] }
                    translator: test-echo
                """)).extracting(ConfigException.Problem::path)
                .containsExactly("routes[0].match.paths[1]", "routes[0].match.paths[2]");
    }

    @Test
    void aRewriteMustFindItsVariablesInEveryPath() {
        assertThat(problems("""
                  - name: users
                    match: { paths: [ "/users/{id}", "/people/{person}", "/accounts/{id}/profile" ] }
                    rewrite: /v2/users/{id}
                    translator: test-echo
                  - name: rest
                    match: { paths: [ "/files/**", "/file" ] }
                    rewrite: /storage/{**}
                    translator: test-echo
                  - name: malformed
                    match: { paths: [ "/x/{id}", "/y/{id}" ] }
                    rewrite: /v2/{id
                    translator: test-echo
                """)).containsExactly(
                new ConfigException.Problem("routes[0].rewrite", "rewrite template '/v2/users/{id}': names variable "
                        + "'id', but template /people/{person} captures [person]"),
                new ConfigException.Problem("routes[1].rewrite", "rewrite template '/storage/{**}': uses {**} but "
                        + "exact /file captures no rest; use a prefix or a template ending in '**'"),
                new ConfigException.Problem("routes[2].rewrite", "rewrite template '/v2/{id': unclosed '{'"));
    }

    @Test
    void pathsThatShareTheRewritesVariablesAreAcceptedAndListedTogether() throws Exception {
        try (RoutingSnapshot snapshot = build("""
                  - name: users
                    match: { paths: [ "/users/{id}", "/accounts/{id}/profile" ] }
                    rewrite: /v2/users/{id}
                    translator: test-echo
                  - name: api
                    match: { prefixes: [ /api, /internal/api ] }
                    stripPrefix: /api
                    translator: test-echo
                """)) {
            assertThat(snapshot.describe()).containsExactly(
                    "users -> test-echo (template /users/{id}, template /accounts/{id}/profile)",
                    "api -> test-echo (prefix /api, prefix /internal/api)");
        }
    }

    @Test
    void theSingularKeysKeepTheirErrorPaths() {
        assertThatThrownBy(() -> build("""
                  - { name: a, match: { path: "/a/**/b" }, translator: test-echo }
                  - { name: b, match: { prefix: "/b/../c" }, translator: test-echo }
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                .extracting(ConfigException.Problem::path)
                .containsExactly("routes[0].match.path", "routes[1].match.prefix"));
    }
}
