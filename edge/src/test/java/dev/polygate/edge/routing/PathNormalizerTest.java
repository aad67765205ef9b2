package dev.polygate.edge.routing;

import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathNormalizerTest {

    @ParameterizedTest(name = "{0} -> /admin")
    @ValueSource(strings = {
            "/public/../admin",
            "/public/%2e%2e/admin",
            "/public/%2E%2E/admin",
            "/public/.%2e/admin",
            "/public/%2e./admin",
            "/public/..%2fadmin",
            "/public/..%2Fadmin",
            "/public/%2e%2e%2fadmin",
            "/public/%2e%2e%2Fadmin",
            "/public/./../admin",
            "/public//../admin",
            "//admin",
            "/%61dmin",
    })
    void traversalTricksResolveToThePathTheUpstreamWouldServe(String raw) {
        assertThat(PathNormalizer.normalize(raw)).isEqualTo("/admin");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/a/./b,          /a/b",
            "/a/b/,           /a/b/",
            "/a/b/.,          /a/b/",
            "/a/b/..,         /a/",
            "/a/b/../c,       /a/c",
            "/a/..,           /",
            "/.,              /",
            "/./,             /",
            "/a//b///c,       /a/b/c",
            "/a/b//,          /a/b/",
            "/%41,            /A",
            "/%7e,            /~",
            "/%7E%2D%5f%2e%30, /~-_.0",
            "/a%2fb,          /a/b",
            "/%2F%2Fa,        /a",
            "/%3f,            /%3F",
            "/a%3Bb%20c,      /a%3Bb%20c",
            "/a%3bb%2bc,      /a%3Bb%2Bc",
            "/%C3%a9,         /%C3%A9",
            "/%252e%252e,     /%252e%252e",
            "/%252e%252e/x,   /%252e%252e/x",
            "/%2525,          /%2525",
            "/%0a,            /%0A",
            "/...,            /...",
            "/a/.../b,        /a/.../b",
            "/.well-known/x,  /.well-known/x",
            "/a.b/c..d,       /a.b/c..d",
            "/a;v=1/b,        /a;v=1/b",
    })
    void normalises(String raw, String expected) {
        assertThat(PathNormalizer.normalize(raw)).isEqualTo(expected);
    }

    @Test
    void decodesOnlyOnceSoDoubleEncodedDotsAreNotDots() {
        assertThat(PathNormalizer.normalize("/public/%252e%252e/admin")).isEqualTo("/public/%252e%252e/admin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "/a/b/", "/api/v1/users/42", "/.well-known/acme", "/a;b=c", "/x.y..z"})
    void returnsCanonicalPathsWithoutCopying(String path) {
        assertThat(PathNormalizer.normalize(path)).isSameAs(path);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/..                 | path escapes the root",
            "/../a               | path escapes the root",
            "/a/../..            | path escapes the root",
            "/a/%2e%2e/%2e%2e/   | path escapes the root",
            "/%2e%2e             | path escapes the root",
            "/a/..%2f..%2f..     | path escapes the root",
            "/a%5cb              | encoded backslash",
            "/a%5Cb              | encoded backslash",
            "/a%00b              | encoded NUL",
            "/a\\b               | backslash in path",
            "/a%                 | truncated",
            "/a%2                | truncated",
            "/a%zz               | not two hex digits",
            "/a%2g/b             | not two hex digits",
            "/a/..;/b            | dot segment with ';' parameters",
            "/a/%2e%2e;x/b       | dot segment with ';' parameters",
            "/a/.;/b             | dot segment with ';' parameters",
            "a/b                 | must start with '/'",
            "%2Fa                | must start with '/'",
    })
    void rejectsAsBadRequest(String raw, String detail) {
        assertThatThrownBy(() -> PathNormalizer.normalize(raw))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
                    assertThat(e.detail()).contains(detail);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a\u0000b", "/a\nb", "/a\rb", "/a\tb", "/a\u007Fb", "/a/%41\u0001"})
    void rejectsRawControlCharacters(String raw) {
        assertThatThrownBy(() -> PathNormalizer.normalize(raw))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
                    assertThat(e.detail()).startsWith("control character 0x");
                });
    }

    @Test
    void rejectsMissingOrEmptyPath() {
        assertThatThrownBy(() -> PathNormalizer.normalize(null)).isInstanceOf(GatewayException.class);
        assertThatThrownBy(() -> PathNormalizer.normalize("")).isInstanceOf(GatewayException.class);
    }
}
