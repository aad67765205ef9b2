package dev.polygate.policies.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import dev.polygate.policies.auth.Tokens;
import dev.polygate.spi.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code jwt} section that would accept what it should not is refused at start-up, every problem at once. */
class JwtConfigTest {
    private static final RSAKey KEY = TestTokens.rsa("k1");

    @TempDir
    Path directory;
    private JwtTestBench bench;

    @BeforeEach
    void start() {
        bench = new JwtTestBench(directory, Map.of());
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    private List<String> problems(String section) {
        return problems(new JwtMethodFactory(), section);
    }

    private List<String> problems(JwtMethodFactory factory, String section) {
        try {
            bench.build(factory, section);
        } catch (ConfigException e) {
            return e.problems().stream().map(p -> p.path() + ": " + p.message()).toList();
        }
        return List.of();
    }

    @Test
    void noneAnUnknownAlgorithmAndMissingChecksAreReportedTogether() {
        assertThat(problems("{\"jwksUrl\": \"https://issuer.test/jwks\", \"algorithms\": [\"none\", \"RS257\"],"
                + " \"leeway\": \"soon\", \"colour\": 1}")).hasSize(6).anySatisfy(problem -> assertThat(problem)
                .startsWith("colour: unknown key; expected one of ")).contains(
                "algorithms[0]: 'none' is never accepted: tokens must be signed",
                "algorithms[1]: unsupported algorithm 'RS257'; supported: RS256, RS384, RS512, PS256, PS384, PS512, "
                        + "ES256, ES384, ES512, HS256, HS384, HS512",
                "issuer: is required (or set allowAnyIssuer: true to accept every issuer)",
                "audiences: is required (or set allowAnyAudience: true to accept every audience)",
                "leeway: 'soon' is not a duration; write e.g. 250ms, 5s, 2m or 1h");
    }

    @Test
    void hsAlgorithmsNeedASecretFromOutsideTheFileLongEnoughForThem() throws Exception {
        String base = "{\"allowAnyIssuer\": true, \"allowAnyAudience\": true, ";
        assertThat(problems(base + "\"algorithms\": [\"HS256\"]}"))
                .containsExactly("secret: is required by the HS algorithms: { env: NAME } or { file: path }");
        assertThat(problems(base + "\"algorithms\": [\"HS256\"], \"secret\": \"plaintext-secret\"}")).containsExactly(
                "secret: a secret is never written in the configuration; use { env: NAME } or { file: path }");
        Files.writeString(directory.resolve("short"), "x".repeat(40));
        assertThat(problems(base + "\"algorithms\": [\"HS256\", \"HS512\"], \"secret\": {\"file\": \"short\"}}"))
                .containsExactly("secret: must be at least 64 bytes long for the HS algorithms allowed, was 40");
        assertThat(problems(new JwtMethodFactory(name -> name.equals("JWT_SECRET") ? "y".repeat(32) : null),
                base + "\"algorithms\": [\"HS256\"], \"secret\": {\"env\": \"JWT_SECRET\"}}")).isEmpty();
        assertThat(problems(base + "\"algorithms\": [\"HS256\"], \"secret\": {\"env\": \"POLYGATE_UNSET_VARIABLE\"}}"))
                .containsExactly("secret.env: environment variable POLYGATE_UNSET_VARIABLE is not set");
        assertThat(problems(base + "\"algorithms\": [\"RS256\"], \"keys\": " + TestTokens.jwks(KEY)
                + ", \"secret\": {\"file\": \"short\"}}")).containsExactly(
                "secret: is used by HS256, HS384 and HS512 only, and algorithms names none of them");
    }

    @Test
    void publicKeysComeFromExactlyOneSourceAndArePublic() throws Exception {
        String base = "{\"allowAnyIssuer\": true, \"allowAnyAudience\": true, \"algorithms\": [\"RS256\"]";
        assertThat(problems(base + "}")).containsExactly(
                "jwksUrl: the RS, PS and ES algorithms need public keys: name jwksUrl, jwksFile or keys");
        assertThat(problems(base + ", \"jwksUrl\": \"https://a.test/jwks\", \"jwksFile\": \"k.json\"}"))
                .containsExactly(": name one source of keys: jwksUrl, jwksFile or keys");
        assertThat(problems(base + ", \"jwksUrl\": \"ftp://a.test/jwks\"}"))
                .containsExactly("jwksUrl: must be an https:// (or http://) URL");
        assertThat(problems(base + ", \"keys\": [" + KEY.toJSONString() + "]}"))
                .containsExactly("keys: holds a private key (k1); give the gateway public keys only");
        Files.writeString(directory.resolve("keys.json"), TestTokens.jwks(KEY));
        assertThat(problems(base + ", \"jwksFile\": \"keys.json\"}")).isEmpty();
        assertThat(problems(base + ", \"jwksFile\": \"missing.json\"}")).singleElement()
                .asString().startsWith("jwksFile: cannot read missing.json");
        assertThat(problems(base + ", \"keys\": " + TestTokens.jwks(KEY) + ", \"refresh\": {\"cacheFor\": \"1m\"}}"))
                .containsExactly("refresh: applies to jwksUrl only");
    }

    @Test
    void theTokenComesFromOnePlace() {
        String base = "{\"allowAnyIssuer\": true, \"allowAnyAudience\": true, \"algorithms\": [\"RS256\"], \"keys\": "
                + TestTokens.jwks(KEY);
        assertThat(problems(base + ", \"from\": {\"header\": \"x-token\", \"query\": \"t\"}}"))
                .containsExactly("from: name exactly one place: header, cookie, query or subprotocol");
        assertThat(problems(base + ", \"from\": {\"cookie\": \"a b\"}}"))
                .containsExactly("from.cookie: must be a name made of " + Tokens.RULE);
        assertThat(problems(base + ", \"from\": {\"subprotocol\": false}}"))
                .containsExactly("from.subprotocol: must be true when present");
    }

    @Test
    void anInvalidSectionIsReportedAsAConfigException() {
        assertThatThrownBy(() -> bench.build(new JwtMethodFactory(), "[]")).isInstanceOf(ConfigException.class);
    }
}
