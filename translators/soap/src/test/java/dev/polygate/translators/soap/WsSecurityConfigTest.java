package dev.polygate.translators.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.polygate.spi.ConfigException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The {@code wsSecurity} section: config or caller credentials, and each misuse reported at its key. */
class WsSecurityConfigTest {

    private static WsSecurityConfig parse(String wsSecurity) throws Exception {
        return SoapRouteConfig.parse(new YAMLMapper().readTree(
                "{ upstream: calc, wsdl: calculator.wsdl, wsSecurity: " + wsSecurity + " }"), Path.of("/etc/polygate"))
                .wsSecurity();
    }

    private static void assertProblem(String wsSecurity, String path, String message) {
        assertThatThrownBy(() -> parse(wsSecurity)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).anySatisfy(problem -> {
                    assertThat(problem.path()).isEqualTo(path);
                    assertThat(problem.message()).contains(message);
                }));
    }

    @Test
    void aUsernameMeansConfigCredentials() throws Exception {
        assertThat(parse("{ username: alice, password: ' s3cret ' }")).isEqualTo(
                new WsSecurityConfig(WsSecurityConfig.Credentials.CONFIG, "alice", " s3cret ", false));
        assertThat(parse("{ credentials: config, username: alice, password: secret, digest: true }")).isEqualTo(
                new WsSecurityConfig(WsSecurityConfig.Credentials.CONFIG, "alice", "secret", true));
    }

    @Test
    void callerCredentialsNeedNoUserOfTheirOwn() throws Exception {
        assertThat(parse("{ credentials: caller }")).isEqualTo(
                new WsSecurityConfig(WsSecurityConfig.Credentials.CALLER, null, null, false));
        assertThat(parse("{ credentials: Caller, digest: true }")).isEqualTo(
                new WsSecurityConfig(WsSecurityConfig.Credentials.CALLER, null, null, true));
    }

    @Test
    void callerCredentialsWithAUserOrPasswordAreRefused() {
        assertProblem("{ credentials: caller, username: alice }", "wsSecurity.username", "must not be set");
        assertProblem("{ credentials: caller, password: secret }", "wsSecurity.password", "must not be set");
    }

    @Test
    void configCredentialsWithoutUserOrPasswordAreRefused() {
        assertProblem("{ credentials: config }", "wsSecurity.username", "is required");
        assertProblem("{ credentials: config }", "wsSecurity.password", "is required");
        assertProblem("{ digest: true }", "wsSecurity.username", "credentials: caller");
        assertProblem("{ username: alice, password: '' }", "wsSecurity.password", "non-empty string");
        assertProblem("{ username: [alice], password: secret }", "wsSecurity.username", "non-empty string");
    }

    @Test
    void otherMistakesAreReportedAtTheirKey() {
        assertProblem("{ credentials: header }", "wsSecurity.credentials", "config or caller");
        assertProblem("{ credentials: caller, digest: yes please }", "wsSecurity.digest", "true or false");
        assertProblem("{ credentials: caller, realm: x }", "wsSecurity.realm", "unknown key");
        assertProblem("caller", "wsSecurity", "must be a map");
    }
}
