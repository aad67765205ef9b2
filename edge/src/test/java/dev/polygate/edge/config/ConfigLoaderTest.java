package dev.polygate.edge.config;

import dev.polygate.spi.HumanSize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polygate.spi.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final Path BASE = Path.of("/tmp");

    private static GatewayConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, null, BASE);
    }

    private static ConfigException errors(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected the configuration to be rejected");
    }

    @Test
    void emptyFileGivesTheDefaults() throws Exception {
        GatewayConfig config = parse("");
        assertThat(config.listeners()).extracting(ListenerConfig::port).containsExactly(8443, 8080);
        assertThat(config.listeners().get(0).tls()).isNotNull();
        assertThat(config.listeners().get(1).tls()).isNull();
        assertThat(config.admin()).isEqualTo(new AdminConfig(true, "127.0.0.1", 9901));
        assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void routesAndUpstreamsAreBound() throws Exception {
        GatewayConfig config = parse("""
                upstreams:
                  users: { endpoints: [ "http://127.0.0.1:9000", "h2c://127.0.0.1:9001" ], connectTimeout: 250ms }
                routes:
                  - name: users
                    match: { host: "*.example.com", path: "/users/{id}/orders/**", methods: [get, POST], headers: { X-Env: canary } }
                    stripPrefix: /users
                    backend: { upstream: users }
                    policies:
                      - bodyLimit: { maxBytes: 1MiB }
                """);
        assertThat(config.upstreams().get("users").endpoints()).hasSize(2);
        assertThat(config.upstreams().get("users").connectTimeout()).isEqualTo(Duration.ofMillis(250));
        RouteConfig route = config.routes().get(0);
        assertThat(route.match().methods()).containsExactlyInAnyOrder("GET", "POST");
        assertThat(route.match().headers()).containsEntry("x-env", "canary");
        assertThat(route.match().paths()).containsExactly(new RouteConfig.MatchPath("routes[0].match.path",
                RouteConfig.PathKind.TEMPLATE, "/users/{id}/orders/**"));
        assertThat(route.policies()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("bodyLimit");
            assertThat(p.path()).isEqualTo("routes[0].policies[0].bodyLimit");
        });
    }

    @Test
    void unknownKeysAreErrorsWithTheirYamlPath() {
        ConfigException e = errors("""
                routes:
                  - match: { path: /a }
                    backend: { upstream: x }
                  - match: { path: /b }
                    backend: { upstream: x }
                  - match: { pathh: /c }
                    backend: { upstream: x }
                """);
        assertThat(e.problems()).extracting(ConfigException.Problem::path).contains("routes[2].match.pathh");
        assertThat(e.getMessage()).contains("routes[2].match.pathh: unknown key");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ConfigException e = errors("""
                drainTimeout: soon
                limits: { maxHeaderSize: lots }
                listeners:
                  - { name: a, port: 99999 }
                upstreams:
                  u: { endpoints: [ "ftp://host:21" ] }
                routes:
                  - match: { path: relative }
                """);
        assertThat(e.problems()).extracting(ConfigException.Problem::path).contains(
                "drainTimeout", "limits.maxHeaderSize", "listeners[0].port", "upstreams.u.endpoints[0]",
                "routes[0].match.path", "routes[0].backend");
    }

    @Test
    void pathsAndPrefixesAreListsReadInOrderEachWithItsYamlPath() throws Exception {
        GatewayConfig config = parse("""
                routes:
                  - name: calculator
                    match: { paths: [ "/calculator/**", "/soap.calculator.Calculator/*" ], methods: [ POST ] }
                    translator: test-echo
                  - name: legacy
                    match: { prefixes: [ /old, /older/ ] }
                    translator: test-echo
                  - name: everything
                    translator: test-echo
                """);
        assertThat(config.routes().get(0).match().paths()).containsExactly(
                new RouteConfig.MatchPath("routes[0].match.paths[0]", RouteConfig.PathKind.TEMPLATE, "/calculator/**"),
                new RouteConfig.MatchPath("routes[0].match.paths[1]", RouteConfig.PathKind.TEMPLATE,
                        "/soap.calculator.Calculator/*"));
        assertThat(config.routes().get(0).match().methods()).containsExactly("POST");
        assertThat(config.routes().get(1).match().paths()).containsExactly(
                new RouteConfig.MatchPath("routes[1].match.prefixes[0]", RouteConfig.PathKind.PREFIX, "/old"),
                new RouteConfig.MatchPath("routes[1].match.prefixes[1]", RouteConfig.PathKind.PREFIX, "/older/"));
        assertThat(config.routes().get(2).match().paths()).containsExactly(
                new RouteConfig.MatchPath("routes[2].match.prefix", RouteConfig.PathKind.PREFIX, "/"));
    }

    @Test
    void badPathListsAreErrorsAtTheExactEntry() {
        ConfigException e = errors("""
                routes:
                  - { name: empty, match: { paths: [] }, translator: test-echo }
                  - { name: no-prefixes, match: { prefixes: [] }, translator: test-echo }
                  - { name: relative, match: { paths: [ "/a/**", "b/**" ] }, translator: test-echo }
                  - { name: not-text, match: { prefixes: [ /a, { p: /b } ] }, translator: test-echo }
                  - { name: not-a-list, match: { paths: "/a/**" }, translator: test-echo }
                """);
        assertThat(e.problems()).containsExactlyInAnyOrder(
                new ConfigException.Problem("routes[0].match.paths", "is empty; give at least one path template"),
                new ConfigException.Problem("routes[1].match.prefixes", "is empty; give at least one prefix"),
                new ConfigException.Problem("routes[2].match.paths[1]", "must start with /"),
                new ConfigException.Problem("routes[3].match.prefixes[1]", "must be a string"),
                new ConfigException.Problem("routes[4].match.paths", "must be a list"));
    }

    @Test
    void aRouteGivesOnlyOneOfPathPrefixPathsAndPrefixes() {
        ConfigException e = errors("""
                routes:
                  - { name: a, match: { path: /a, paths: [ /b ] }, translator: test-echo }
                  - { name: b, match: { prefixes: [ /a ], prefix: /b }, translator: test-echo }
                  - { name: c, match: { paths: [ /a ], prefixes: [ /b ] }, translator: test-echo }
                  - { name: d, match: { path: /a, prefix: /b }, translator: test-echo }
                """);
        assertThat(e.problems()).containsExactlyInAnyOrder(
                new ConfigException.Problem("routes[0].match.paths",
                        "give only one of path, prefix, paths and prefixes; this route already has path"),
                new ConfigException.Problem("routes[1].match.prefixes",
                        "give only one of path, prefix, paths and prefixes; this route already has prefix"),
                new ConfigException.Problem("routes[2].match.prefixes",
                        "give only one of path, prefix, paths and prefixes; this route already has paths"),
                new ConfigException.Problem("routes[3].match.prefix",
                        "give only one of path, prefix, paths and prefixes; this route already has path"));
    }

    @Test
    void aNamedTranslatorMayGoWithoutABackendSection() throws Exception {
        GatewayConfig config = parse("""
                routes:
                  - name: reflection
                    match: { path: "/grpc.reflection.v1.ServerReflection/*" }
                    translator: grpc-reflection
                """);
        assertThat(config.routes().get(0).translator()).isEqualTo("grpc-reflection");
    }

    @Test
    void invalidYamlSaysWhere() {
        ConfigException e = errors("routes: [ {\n");
        assertThat(e.getMessage()).contains("not valid YAML").contains("line");
    }

    @Test
    void clientAuthNeedsACa() {
        ConfigException e = errors("""
                listeners:
                  - { name: tls, port: 8443, tls: { clientAuth: require } }
                """);
        assertThat(e.problems()).extracting(ConfigException.Problem::path).contains("listeners[0].tls.clientCa");
    }

    @Test
    void sizesAndDurationsReadAsPeopleWriteThem() {
        assertThat(HumanSize.parse("16KiB")).isEqualTo(16384);
        assertThat(HumanSize.parse("10MB")).isEqualTo(10L << 20);
        assertThat(HumanSize.parse("512")).isEqualTo(512);
        assertThatThrownBy(() -> HumanSize.parse("big")).hasMessageContaining("not a size");
    }

    @Test
    void readingGoesOnPastProblemsSoThatTheRoutesCanBeCheckedToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, """
                listeners: [ { port: 70000 } ]
                upstreams: { api: { endpoints: [ "ftp://127.0.0.1:21" ] } }
                routes:
                  - { name: api, match: { prefix: /api }, backend: { upstream: api } }
                """);
        ConfigLoader.Reading reading = ConfigLoader.read(file);
        assertThat(reading.problems()).extracting(ConfigException.Problem::path)
                .containsExactly("listeners[0].port", "upstreams.api.endpoints[0]");
        assertThat(reading.config().routes()).extracting(RouteConfig::name).containsExactly("api");
        assertThat(reading.config().upstreams()).containsKey("api");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).isEqualTo(reading.problems()));
    }

    @Test
    void aFileThatIsNotYamlIsReadAsNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, "routes: [ {");
        ConfigLoader.Reading reading = ConfigLoader.read(file);
        assertThat(reading.config()).isNull();
        assertThat(reading.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("not valid YAML"));
    }
}
