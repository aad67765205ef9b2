package dev.polygate.translators.model.transcoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Template grammar and matching, independent of any service. */
class PathTemplateTest {

    private static Map<String, String> bind(String template, String path) {
        PathTemplate t = PathTemplate.parse(template);
        PathSegments segments = PathSegments.split(path);
        assertThat(t.matches(segments)).as(template + " ~ " + path).isTrue();
        return t.bind(segments);
    }

    private static boolean matches(String template, String path) {
        return PathTemplate.parse(template).matches(PathSegments.split(path));
    }

    @Test
    void variablesAndWildcards() {
        assertThat(bind("/v1/{a}", "/v1/x")).isEqualTo(Map.of("a", "x"));
        assertThat(bind("/v1/{a=*}", "/v1/x")).isEqualTo(Map.of("a", "x"));
        assertThat(bind("/v1/{a.b.c=shelves/*}/x", "/v1/shelves/1/x")).isEqualTo(Map.of("a.b.c", "shelves/1"));
        assertThat(bind("/v1/{a=**}", "/v1/x/y/z")).isEqualTo(Map.of("a", "x/y/z"));
        assertThat(bind("/v1/{a=x/**}:v", "/v1/x/y:v")).isEqualTo(Map.of("a", "x/y"));
        assertThat(bind("/v1/{a}/{b}", "/v1/1/2")).isEqualTo(Map.of("a", "1", "b", "2"));
        assertThat(bind("/*/v1/**", "/any/v1")).isEmpty();
    }

    @Test
    void nonMatches() {
        assertThat(matches("/v1/{a}", "/v1/x/y")).isFalse();
        assertThat(matches("/v1/{a}", "/v1")).isFalse();
        assertThat(matches("/v1/{a}", "/v1/")).isFalse();
        assertThat(matches("/v1/{a}:v", "/v1/x")).isFalse();
        assertThat(matches("/v1/{a}:v", "/v1/:v")).isFalse();
        assertThat(matches("/v1/{a=x/*}", "/v1/y/1")).isFalse();
    }

    @Test
    void precedenceFigures() {
        PathTemplate t = PathTemplate.parse("/v1/{name=shelves/*}/books/**:list");
        assertThat(t.literalCount()).isEqualTo(4);
        assertThat(t.wildcardCount()).isEqualTo(2);
        assertThat(t.endsWithMulti()).isTrue();
        assertThat(t.shape()).isEqualTo("/v1/shelves/*/books/**:list");
        assertThat(t.firstLiteral()).isEqualTo("v1");
        assertThat(PathTemplate.parse("/{a}/x").firstLiteral()).isNull();
        assertThat(PathTemplate.parse("/v1:x").firstLiteral()).isNull();
    }

    @Test
    void grammarErrors() {
        assertThatThrownBy(() -> PathTemplate.parse("/v1/{a}/{a}")).hasMessage("field \"a\" is bound twice");
        assertThatThrownBy(() -> PathTemplate.parse("/v1/{a=**}/x")).hasMessage("'**' must be the last segment");
        assertThatThrownBy(() -> PathTemplate.parse("/v1/x:")).hasMessage("empty segment at position 6");
        assertThatThrownBy(() -> PathTemplate.parse("/v1//x")).hasMessage("unexpected '/' at position 4");
        assertThatThrownBy(() -> PathTemplate.parse("/v1/a b")).hasMessage("invalid character in literal at position 5");
        assertThatThrownBy(() -> PathTemplate.parse("/v1/x}")).hasMessage("unexpected '}' at position 5");
        assertThatThrownBy(() -> PathTemplate.parse("")).hasMessage("must start with '/'");
    }
}
