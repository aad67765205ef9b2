package dev.polygate.edge.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathRewriterTest {

    private static RouteMatch<String> matched(PathPattern pattern, String path) {
        RouteRule<String> rule = new RouteRule<>("r", HostPattern.parse("*"), pattern, Set.of(), Map.of(), "t");
        return new RouteMatch<>(rule, pattern.match(path).orElseThrow());
    }

    private static String rewrite(PathPattern pattern, String path, String query, String strip, String template) {
        if (template != null) {
            PathRewriter.validate(template, pattern);
        }
        return PathRewriter.rewrite(path, query, matched(pattern, path), strip, template);
    }

    @ParameterizedTest(name = "strip {1} from {0} -> {2}")
    @CsvSource({
            "/api/users,  /api,  /users",
            "/api,        /api,  /",
            "/api/,       /api,  /",
            "/api/a/b/,   /api,  /a/b/",
            "/api/users,  /api/, /users",
            "/apix/users, /api,  /apix/users",
            "/other,      /api,  /other",
            "/a/b,        /,     /a/b",
    })
    void stripsSegmentAwarePrefix(String path, String prefix, String expected) {
        assertThat(rewrite(PathPattern.prefix("/"), path, null, prefix, null)).isEqualTo(expected);
    }

    @Test
    void keepsThePathWhenNothingIsConfigured() {
        String path = "/api/users";
        assertThat(PathRewriter.rewrite(path, null, matched(PathPattern.prefix("/api"), path), null, null))
                .isSameAs(path);
    }

    @Test
    void appendsTheQueryWhenPresent() {
        PathPattern api = PathPattern.prefix("/api");
        assertThat(rewrite(api, "/api/users", "a=1&b=%20", "/api", null)).isEqualTo("/users?a=1&b=%20");
        assertThat(rewrite(api, "/api/users", "a=1", null, null)).isEqualTo("/api/users?a=1");
        assertThat(rewrite(api, "/api/users", "", null, null)).isEqualTo("/api/users");
        assertThat(rewrite(api, "/api", "q", "/api", null)).isEqualTo("/?q");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/users/42,          /internal/42",
            "/users/42/,         /internal/42/",
            "/users/42/a,        /internal/42/a",
            "/users/42/a/b/,     /internal/42/a/b/",
            "/users/a%20b/x%2Fy, /internal/a%20b/x/y",
    })
    void expandsVariablesAndRest(String path, String expected) {
        PathPattern source = PathPattern.template("/users/{id}/**");
        String normalized = PathNormalizer.normalize(path);
        assertThat(rewrite(source, normalized, null, null, "/internal/{id}/{**}")).isEqualTo(expected);
    }

    @Test
    void rewriteWinsOverStripAndKeepsTheQuery() {
        PathPattern source = PathPattern.template("/v1/{tenant}/items/{id}");
        assertThat(rewrite(source, "/v1/acme/items/9", "full=true", "/v1", "/items/{id}/owner/{tenant}"))
                .isEqualTo("/items/9/owner/acme?full=true");
    }

    @Test
    void prefixRouteRestCanBeRewritten() {
        PathPattern api = PathPattern.prefix("/api");
        assertThat(rewrite(api, "/api/users/1", null, null, "/v2/{**}")).isEqualTo("/v2/users/1");
        assertThat(rewrite(api, "/api", null, null, "/v2/{**}")).isEqualTo("/v2");
        assertThat(rewrite(api, "/api", null, null, "/{**}")).isEqualTo("/");
    }

    @Test
    void namedRestCanBeUsedByName() {
        PathPattern source = PathPattern.template("/b/{bucket}/{key=**}");
        assertThat(rewrite(source, "/b/x/dir/f.txt", null, null, "/{bucket}/objects/{key}"))
                .isEqualTo("/x/objects/dir/f.txt");
    }

    @Test
    void literalRewriteReplacesThePath() {
        assertThat(rewrite(PathPattern.exact("/healthz"), "/healthz", null, null, "/internal/health"))
                .isEqualTo("/internal/health");
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', value = {
            "/x/{nope}        | /users/{id}  | names variable 'nope'",
            "/x/{**}          | /users/{id}  | captures no rest",
            "/x/{**}          | exact:/users | captures no rest",
            "/x/{**}/y        | /users/**    | only allowed at the end",
            "x/{id}           | /users/{id}  | must start with '/'",
            "/x/{id           | /users/{id}  | unclosed '{'",
            "/x/id}           | /users/{id}  | '}' without '{'",
            "/x//{id}         | /users/{id}  | not in normal form",
            "/x/../{id}       | /users/{id}  | not in normal form",
            "/x\\{id}         | /users/{id}  | backslash",
    })
    void validateRejectsBadTemplates(String template, String source, String problem) {
        PathPattern pattern = source.startsWith("exact:")
                ? PathPattern.exact(source.substring("exact:".length()))
                : PathPattern.template(source);
        assertThatThrownBy(() -> PathRewriter.validate(template, pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void validateAcceptsWellFormedTemplates() {
        assertThatCode(() -> {
            PathRewriter.validate("/internal/{id}/{**}", PathPattern.template("/users/{id}/**"));
            PathRewriter.validate("/v2/{**}", PathPattern.prefix("/api"));
            PathRewriter.validate("/api/v{version}/x", PathPattern.template("/{version}/x"));
            PathRewriter.validate(null, PathPattern.exact("/"));
        }).doesNotThrowAnyException();
    }

    /** The upstream path for a request routed by a table holding one route with the given paths. */
    private static String rewriteThroughTable(List<PathPattern> paths, String path, String strip, String template) {
        paths.forEach(pattern -> PathRewriter.validate(template, pattern));
        RouteTable<String> table = RouteTable.of(List.of(
                new RouteRule<>("r", HostPattern.parse("*"), paths, Set.of(), Map.of(), "t")));
        RouteMatch<String> match = table.match("h", path, "GET", null).orElseThrow();
        return PathRewriter.rewrite(path, null, match, strip, template);
    }

    @Test
    void aRouteWithSeveralPathsRewritesWithTheCapturesOfThePathThatMatched() {
        List<PathPattern> paths = List.of(PathPattern.template("/users/{id}/**"),
                PathPattern.template("/accounts/{id}/profile/{rest=**}"));
        assertThat(rewriteThroughTable(paths, "/users/7/a/b", null, "/v2/users/{id}/{**}")).isEqualTo("/v2/users/7/a/b");
        assertThat(rewriteThroughTable(paths, "/accounts/8/profile/c", null, "/v2/users/{id}/{**}"))
                .isEqualTo("/v2/users/8/c");
        assertThat(rewriteThroughTable(paths, "/accounts/9/profile", null, "/v2/users/{id}/{**}"))
                .isEqualTo("/v2/users/9");
    }

    @Test
    void stripPrefixAppliesToThePathsThatStartWithItAndLeavesTheOthers() {
        List<PathPattern> paths = List.of(PathPattern.prefix("/api"), PathPattern.template("/svc.Calc/*"));
        assertThat(rewriteThroughTable(paths, "/api/users", "/api", null)).isEqualTo("/users");
        assertThat(rewriteThroughTable(paths, "/api", "/api", null)).isEqualTo("/");
        assertThat(rewriteThroughTable(paths, "/svc.Calc/Add", "/api", null)).isEqualTo("/svc.Calc/Add");
    }
}
