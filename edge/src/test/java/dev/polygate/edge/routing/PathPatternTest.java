package dev.polygate.edge.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathPatternTest {

    @Test
    void exactMatchesOnlyItself() {
        PathPattern exact = PathPattern.exact("/api/users");
        assertThat(exact.match("/api/users")).contains(new PathMatch(Map.of(), ""));
        assertThat(exact.match("/api/users/")).isEmpty();
        assertThat(exact.match("/api/users/1")).isEmpty();
        assertThat(exact.match("/api/user")).isEmpty();
    }

    @ParameterizedTest(name = "prefix /api matches {0} with rest ''{1}''")
    @CsvSource(value = {"/api,''", "/api/,''", "/api/x,x", "/api/x/y/,x/y/"}, emptyValue = "")
    void prefixIsSegmentAware(String path, String rest) {
        assertThat(PathPattern.prefix("/api").match(path)).hasValueSatisfying(m -> assertThat(m.rest()).isEqualTo(rest));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/apix", "/ap", "/", "/v1/api", "/API"})
    void prefixDoesNotMatchPartialSegments(String path) {
        assertThat(PathPattern.prefix("/api").match(path)).isEmpty();
    }

    @Test
    void prefixWithTrailingSlashMatchesOnlyBelowIt() {
        PathPattern prefix = PathPattern.prefix("/api/");
        assertThat(prefix.match("/api/")).isPresent();
        assertThat(prefix.match("/api/x/y")).hasValueSatisfying(m -> assertThat(m.rest()).isEqualTo("x/y"));
        assertThat(prefix.match("/api")).isEmpty();
        assertThat(prefix.match("/apix")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "/a/b/", "/.well-known/x"})
    void rootPrefixMatchesEverything(String path) {
        assertThat(PathPattern.prefix("/").match(path)).isPresent();
    }

    @Test
    void templateCapturesNamedSegments() {
        PathPattern template = PathPattern.template("/users/{id}/orders/{orderId}");
        assertThat(template.match("/users/42/orders/7"))
                .contains(new PathMatch(Map.of("id", "42", "orderId", "7"), ""));
        assertThat(template.match("/users/42/orders")).isEmpty();
        assertThat(template.match("/users/42/orders/7/x")).isEmpty();
        assertThat(template.match("/users//orders/7")).isEmpty();
        assertThat(template.match("/users/42/orders/7/")).isEmpty();
        assertThat(template.match("/Users/42/orders/7")).isEmpty();
    }

    @Test
    void capturedValuesStayPercentEncoded() {
        assertThat(PathPattern.template("/files/{name}").match("/files/a%20b"))
                .hasValueSatisfying(m -> assertThat(m.variables()).containsEntry("name", "a%20b"));
    }

    @Test
    void singleStarMatchesExactlyOneNonEmptySegment() {
        PathPattern template = PathPattern.template("/a/*/c");
        assertThat(template.match("/a/b/c")).contains(new PathMatch(Map.of(), ""));
        assertThat(template.match("/a/c")).isEmpty();
        assertThat(template.match("/a/b/x/c")).isEmpty();
        assertThat(template.match("/a//c")).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> rest ''{1}''")
    @CsvSource(value = {"/files,''", "/files/,''", "/files/a,a", "/files/a/b/c,a/b/c", "/files/a/b/,a/b/"},
            emptyValue = "")
    void doubleStarMatchesZeroOrMoreRemainingSegments(String path, String rest) {
        assertThat(PathPattern.template("/files/**").match(path))
                .contains(new PathMatch(Map.of(), rest));
    }

    @Test
    void doubleStarDoesNotMatchPartialSegment() {
        assertThat(PathPattern.template("/files/**").match("/filesystem")).isEmpty();
    }

    @Test
    void namedRestCapturesTheRemainder() {
        PathPattern template = PathPattern.template("/buckets/{bucket}/{key=**}");
        assertThat(template.match("/buckets/b1/dir/file.txt"))
                .contains(new PathMatch(Map.of("bucket", "b1", "key", "dir/file.txt"), "dir/file.txt"));
        assertThat(template.match("/buckets/b1"))
                .contains(new PathMatch(Map.of("bucket", "b1", "key", ""), ""));
    }

    @Test
    void wildcardsCombine() {
        assertThat(PathPattern.template("/{tenant}/*/items/**").match("/acme/v2/items/1/2"))
                .contains(new PathMatch(Map.of("tenant", "acme"), "1/2"));
    }

    @Test
    void rootDoubleStarMatchesEverything() {
        assertThat(PathPattern.template("/**").match("/")).contains(new PathMatch(Map.of(), ""));
        assertThat(PathPattern.template("/**").match("/a/b")).contains(new PathMatch(Map.of(), "a/b"));
    }

    @Test
    void literalTemplateBehavesAsExact() {
        PathPattern literal = PathPattern.template("/health");
        assertThat(literal).isEqualTo(PathPattern.exact("/health"));
        assertThat(literal.match("/health")).isPresent();
        assertThat(literal.match("/health/x")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "users/{id}          | must start with '/'",
            "/a/**/b             | only allowed as the last segment",
            "/a/{rest=**}/b      | only allowed as the last segment",
            "/a/{id}/{id}        | declared twice",
            "/a/{}               | not a variable name",
            "/a/{1x}             | not a variable name",
            "/a/{x=*}            | not a variable name",
            "/a/{x-y}            | not a variable name",
            "/a/v{version}       | must be whole segments",
            "/a/b*               | must be whole segments",
            "/a/{id              | must be whole segments",
            "/a//{id}            | empty segment",
            "/a/../{id}          | dot segment '..'",
            "/a/./{id}           | dot segment '.'",
            "/a/%41/{id}         | not in normal form",
            "/a\\b/{id}          | backslash",
    })
    void rejectsBadTemplates(String template, String problem) {
        assertThatThrownBy(() -> PathPattern.template(template))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"api", "/a//b", "/a/./b", "/a/%2e%2e", "/%7e"})
    void rejectsExactAndPrefixPathsThatCouldNeverMatch(String path) {
        assertThatThrownBy(() -> PathPattern.exact(path)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathPattern.prefix(path)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void specificityOrder() {
        List<PathPattern> expected = List.of(
                PathPattern.exact("/api/users/me"),
                PathPattern.template("/api/users/{id}/x"),   // 3 literals
                PathPattern.template("/api/users/{id}"),     // 2 literals, 3 segments, no wildcard
                PathPattern.template("/api/users/*"),        // ... one wildcard
                PathPattern.template("/api/users/**"),       // ... one wildcard that takes the rest
                PathPattern.template("/api/{a}"),            // 1 literal
                PathPattern.prefix("/api/users/"),
                PathPattern.prefix("/api/users"),
                PathPattern.prefix("/api"),
                PathPattern.prefix("/"));
        List<PathPattern> shuffled = new ArrayList<>(expected);
        Collections.reverse(shuffled);
        shuffled.sort(PathPattern.MOST_SPECIFIC_FIRST);
        assertThat(shuffled).containsExactlyElementsOf(expected);
    }

    @Test
    void describesItselfForTheStartUpSummary() {
        assertThat(PathPattern.prefix("/api")).hasToString("prefix /api");
        assertThat(PathPattern.template("/u/{id}")).hasToString("template /u/{id}");
        assertThat(PathPattern.exact("/")).hasToString("exact /");
    }

    @Test
    void patternsThatDifferOnlyInVariableNamesMatchTheSamePaths() {
        assertThat(PathPattern.template("/users/{id}/**").matchesSamePathsAs(PathPattern.template("/users/*/{rest=**}")))
                .isTrue();
        assertThat(PathPattern.template("/a/{x}").matchesSamePathsAs(PathPattern.template("/a/{y}"))).isTrue();
        assertThat(PathPattern.template("/a").matchesSamePathsAs(PathPattern.exact("/a"))).isTrue();
        assertThat(PathPattern.prefix("/api").matchesSamePathsAs(PathPattern.prefix("/api"))).isTrue();

        assertThat(PathPattern.template("/a/{x}").matchesSamePathsAs(PathPattern.template("/a/{x}/**"))).isFalse();
        assertThat(PathPattern.template("/a/*").matchesSamePathsAs(PathPattern.template("/b/*"))).isFalse();
        assertThat(PathPattern.prefix("/api").matchesSamePathsAs(PathPattern.prefix("/api/"))).isFalse();
        assertThat(PathPattern.prefix("/a").matchesSamePathsAs(PathPattern.exact("/a"))).isFalse();
        // A literal "*" cannot be written in a template, so shapes of literals and wildcards never collide.
        assertThat(PathPattern.template("/a/**").matchesSamePathsAs(PathPattern.template("/a/*"))).isFalse();
    }
}
