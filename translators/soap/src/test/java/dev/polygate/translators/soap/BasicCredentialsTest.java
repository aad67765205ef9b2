package dev.polygate.translators.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The caller's {@code Authorization: Basic} header read as a UsernameToken's user name and password. */
class BasicCredentialsTest {

    private static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theUserNameEndsAtTheFirstColonAndThePasswordKeepsTheRest() {
        assertThat(BasicCredentials.parse(basic("alice:secret"))).isEqualTo(new BasicCredentials("alice", "secret"));
        assertThat(BasicCredentials.parse(basic("bob:correct horse:battery staple")))
                .isEqualTo(new BasicCredentials("bob", "correct horse:battery staple"));
        assertThat(BasicCredentials.parse(basic("carol:"))).isEqualTo(new BasicCredentials("carol", ""));
    }

    @Test
    void theSchemeIsCaseInsensitiveAndSurroundingSpaceIsIgnored() {
        String token = Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
        assertThat(BasicCredentials.parse("basic " + token).username()).isEqualTo("alice");
        assertThat(BasicCredentials.parse("  BASIC   " + token + " ").password()).isEqualTo("secret");
    }

    @Test
    void utf8NamesAndPasswordsSurvive() {
        assertThat(BasicCredentials.parse(basic("zoë:pässwörd€")))
                .isEqualTo(new BasicCredentials("zoë", "pässwörd€"));
    }

    @Test
    void unpaddedBase64IsAccepted() {
        // "alice:secre" encodes to 15 characters plus one '='; some clients leave the padding out
        String unpadded = Base64.getEncoder().withoutPadding().encodeToString("alice:secre".getBytes(StandardCharsets.UTF_8));
        assertThat(BasicCredentials.parse("Basic " + unpadded)).isEqualTo(new BasicCredentials("alice", "secre"));
    }

    @Test
    void noHeaderIsRefusedAsUnauthenticated() {
        assertRefused(null, "needs the caller's credentials");
        assertRefused("", "needs the caller's credentials");
        assertRefused("   ", "needs the caller's credentials");
        assertRefused("Basic", "no Basic credentials");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer eyJhbGciOiJIUzI1NiJ9.e30.x", "Digest username=\"alice\"", "YWxpY2U6c2VjcmV0",
            "Basicx YWxpY2U6c2VjcmV0"})
    void anotherSchemeIsRefused(String header) {
        assertRefused(header, "must use the Basic scheme");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic !!!", "Basic YWxp Y2U6c2VjcmV0", "Basic YWxpY2U6c2VjcmV0===", "Basic ",
            "Basic YWxpY2U6c2VjcmV0%"})
    void badBase64IsRefused(String header) {
        assertThatThrownBy(() -> BasicCredentials.parse(header)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED));
    }

    @Test
    void credentialsWithoutColonOrUserNameAreRefused() {
        assertRefused(basic("alice"), "no colon");
        assertRefused(basic(":secret"), "empty user name");
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] latin1 = "zoë:secret".getBytes(StandardCharsets.ISO_8859_1);
        assertRefused("Basic " + Base64.getEncoder().encodeToString(latin1), "not UTF-8");
    }

    @Test
    void controlCharactersAreRefusedRatherThanWrittenIntoXml() {
        assertRefused(basic("alice:sec\u0000ret"), "control characters");
        assertRefused(basic("al\nice:secret"), "control characters");
    }

    @Test
    void thePasswordIsNeverPrinted() {
        assertThat(BasicCredentials.parse(basic("alice:secret")).toString()).contains("alice").doesNotContain("secret");
    }

    private static void assertRefused(String header, String detail) {
        assertThatThrownBy(() -> BasicCredentials.parse(header)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED);
            assertThat(e.detail()).contains(detail);
        });
    }
}
