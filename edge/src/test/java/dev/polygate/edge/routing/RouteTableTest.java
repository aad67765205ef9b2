package dev.polygate.edge.routing;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTableTest {

    private static final HttpHeaders NO_HEADERS = EmptyHttpHeaders.INSTANCE;

    private static RouteRule<String> rule(String name, String host, PathPattern path) {
        return new RouteRule<>(name, HostPattern.parse(host), path, Set.of(), Map.of(), name);
    }

    private static RouteRule<String> rule(String name, PathPattern path, Set<String> methods,
                                          Map<String, String> headers) {
        return new RouteRule<>(name, HostPattern.parse("*"), path, methods, headers, name);
    }

    private static Optional<String> route(RouteTable<String> table, String host, String path, String method,
                                          HttpHeaders headers) {
        return table.match(host, path, method, headers).map(match -> match.rule().target());
    }

    private static Optional<String> route(RouteTable<String> table, String host, String path) {
        return route(table, host, path, "GET", NO_HEADERS);
    }

    @Test
    void withoutCaseSensitivityLiteralsMatchAnyCaseAndCapturesKeepTheRequestsCase() {
        List<RouteRule<String>> rules = List.of(rule("exact", "*", PathPattern.exact("/health")),
                rule("users", "*", PathPattern.template("/users/{id}/**")),
                rule("secure", "*", PathPattern.prefix("/secure")), rule("public", "*", PathPattern.prefix("/")));
        RouteTable<String> folding = RouteTable.of(rules, false);
        assertThat(route(folding, "a", "/HEALTH")).contains("exact");
        assertThat(route(folding, "a", "/SECURE/x")).contains("secure");
        assertThat(route(folding, "a", "/Secure")).contains("secure");
        assertThat(route(folding, "a", "/securex")).contains("public");
        RouteMatch<String> users = folding.match("a", "/USERS/Ab7/Orders", "GET", NO_HEADERS).orElseThrow();
        assertThat(users.rule().target()).isEqualTo("users");
        assertThat(users.path().variables()).containsEntry("id", "Ab7");
        assertThat(users.path().rest()).isEqualTo("Orders");

        RouteTable<String> exact = RouteTable.of(rules);
        assertThat(route(exact, "a", "/SECURE/x")).contains("public");
        assertThat(route(exact, "a", "/HEALTH")).contains("public");
    }

    @Test
    void exactHostBeatsWildcardBeatsAny() {
        PathPattern all = PathPattern.prefix("/");
        RouteTable<String> table = RouteTable.of(List.of(
                rule("any", "*", all),
                rule("wildcard", "*.example.com", all),
                rule("deeper-wildcard", "*.eu.example.com", all),
                rule("exact", "api.example.com", all)));

        assertThat(route(table, "api.example.com:443", "/x")).contains("exact");
        assertThat(route(table, "shop.eu.example.com", "/x")).contains("deeper-wildcard");
        assertThat(route(table, "www.example.com", "/x")).contains("wildcard");
        assertThat(route(table, "example.org", "/x")).contains("any");
        assertThat(route(table, null, "/x")).contains("any");
    }

    @Test
    void hostIsComparedBeforePath() {
        RouteTable<String> table = RouteTable.of(List.of(
                rule("any-host-exact-path", "*", PathPattern.exact("/a")),
                rule("exact-host-prefix", "example.com", PathPattern.prefix("/"))));
        assertThat(route(table, "example.com", "/a")).contains("exact-host-prefix");
        assertThat(route(table, "other.com", "/a")).contains("any-host-exact-path");
    }

    @Test
    void exactPathBeatsTemplateBeatsPrefixAndLongerPrefixWins() {
        RouteTable<String> table = RouteTable.of(List.of(
                rule("root", "*", PathPattern.prefix("/")),
                rule("api", "*", PathPattern.prefix("/api")),
                rule("users-prefix", "*", PathPattern.prefix("/api/users")),
                rule("user", "*", PathPattern.template("/api/users/{id}")),
                rule("me", "*", PathPattern.exact("/api/users/me"))));

        assertThat(route(table, "h", "/api/users/me")).contains("me");
        assertThat(route(table, "h", "/api/users/42")).contains("user");
        assertThat(route(table, "h", "/api/users/42/orders")).contains("users-prefix");
        assertThat(route(table, "h", "/api/orders")).contains("api");
        assertThat(route(table, "h", "/apix")).contains("root");
    }

    @Test
    void moreLiteralTemplateSegmentsWin() {
        RouteTable<String> table = RouteTable.of(List.of(
                rule("generic", "*", PathPattern.template("/{service}/{id}")),
                rule("orders", "*", PathPattern.template("/orders/{id}"))));
        assertThat(route(table, "h", "/orders/1")).contains("orders");
        assertThat(route(table, "h", "/items/1")).contains("generic");
    }

    @Test
    void methodRestrictedRouteWinsOverAnyMethod() {
        PathPattern path = PathPattern.prefix("/api");
        RouteTable<String> table = RouteTable.of(List.of(
                rule("any-method", path, Set.of(), Map.of()),
                rule("writes", path, Set.of("post", "PUT"), Map.of())));

        assertThat(route(table, "h", "/api/x", "POST", NO_HEADERS)).contains("writes");
        assertThat(route(table, "h", "/api/x", "PUT", NO_HEADERS)).contains("writes");
        assertThat(route(table, "h", "/api/x", "GET", NO_HEADERS)).contains("any-method");
        // Methods are case-sensitive on the wire; only the configuration is upper-cased.
        assertThat(route(table, "h", "/api/x", "post", NO_HEADERS)).contains("any-method");
    }

    @Test
    void headerConditionsSelectAndMoreConditionsWin() {
        PathPattern path = PathPattern.prefix("/");
        RouteTable<String> table = RouteTable.of(List.of(
                rule("default", path, Set.of(), Map.of()),
                rule("canary", path, Set.of(), Map.of("X-Canary", "*")),
                rule("canary-beta", path, Set.of(), Map.of("x-canary", "*", "X-Tier", "beta"))));

        HttpHeaders canary = new DefaultHttpHeaders().add("x-canary", "");
        HttpHeaders canaryBeta = new DefaultHttpHeaders().add("X-Canary", "1").add("x-tier", "beta");
        HttpHeaders canaryGold = new DefaultHttpHeaders().add("X-Canary", "1").add("x-tier", "Beta");

        assertThat(route(table, "h", "/", "GET", NO_HEADERS)).contains("default");
        assertThat(route(table, "h", "/", "GET", null)).contains("default");
        assertThat(route(table, "h", "/", "GET", canary)).contains("canary");
        assertThat(route(table, "h", "/", "GET", canaryBeta)).contains("canary-beta");
        assertThat(route(table, "h", "/", "GET", canaryGold)).contains("canary");
    }

    @Test
    void headerValueMustEqualOneOfTheHeaderLines() {
        RouteTable<String> table = RouteTable.of(List.of(
                rule("v2", PathPattern.prefix("/"), Set.of(), Map.of("accept-version", "2"))));
        HttpHeaders two = new DefaultHttpHeaders().add("Accept-Version", "1").add("Accept-Version", "2");
        HttpHeaders list = new DefaultHttpHeaders().add("Accept-Version", "1, 2");
        assertThat(route(table, "h", "/", "GET", two)).contains("v2");
        assertThat(route(table, "h", "/", "GET", list)).isEmpty();
    }

    @Test
    void configOrderBreaksTies() {
        RouteTable<String> table = RouteTable.of(List.of(
                rule("first", "*", PathPattern.prefix("/api")),
                rule("second", "*", PathPattern.prefix("/api"))));
        assertThat(route(table, "h", "/api/x")).contains("first");
        assertThat(table.rules()).extracting(RouteRule::name).containsExactly("first", "second");
    }

    @Test
    void noMatchIsEmpty() {
        RouteTable<String> table = RouteTable.of(List.of(
                rule("api", "api.example.com", PathPattern.prefix("/api")),
                rule("writes", PathPattern.exact("/submit"), Set.of("POST"), Map.of())));
        assertThat(route(table, "api.example.com", "/other")).isEmpty();
        assertThat(route(table, "www.example.com", "/api")).isEmpty();
        assertThat(route(table, "h", "/submit", "GET", NO_HEADERS)).isEmpty();
        assertThat(RouteTable.<String>of(List.of()).match("h", "/", "GET", NO_HEADERS)).isEmpty();
    }

    @Test
    void matchCarriesCaptures() {
        RouteTable<String> table = RouteTable.of(List.of(
                rule("files", "*", PathPattern.template("/users/{id}/files/**"))));
        assertThat(table.match("h", "/users/7/files/a/b", "GET", NO_HEADERS))
                .hasValueSatisfying(match -> {
                    assertThat(match.path().variables()).containsExactlyEntriesOf(Map.of("id", "7"));
                    assertThat(match.path().rest()).isEqualTo("a/b");
                });
    }

    @Test
    void rulesAreListedInPrecedenceOrder() {
        RouteTable<String> table = RouteTable.of(List.of(
                rule("catch-all", "*", PathPattern.prefix("/")),
                rule("get-only", PathPattern.prefix("/"), Set.of("GET"), Map.of()),
                rule("exact-host", "a.example.com", PathPattern.prefix("/")),
                rule("exact-path", "*", PathPattern.exact("/x"))));
        assertThat(table.rules()).extracting(RouteRule::name)
                .containsExactly("exact-host", "exact-path", "get-only", "catch-all");
    }

    @Test
    void rejectsDuplicateRouteNames() {
        assertThatThrownBy(() -> RouteTable.of(List.of(
                rule("dup", "*", PathPattern.prefix("/a")),
                rule("dup", "*", PathPattern.prefix("/b")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dup");
    }

    @Test
    void ruleNormalisesMethodsAndHeaderNames() {
        RouteRule<String> rule = new RouteRule<>("r", HostPattern.parse(null), PathPattern.prefix("/"),
                Set.of("get"), Map.of("X-Key", "v"), "t");
        assertThat(rule.methods()).containsExactlyInAnyOrder("GET", "HEAD");
        assertThat(rule.headers()).containsExactlyEntriesOf(Map.of("x-key", "v"));
    }

    @Test
    void aRouteForGetAnswersHeadToo() {
        RouteTable<String> table = RouteTable.of(List.of(
                rule("reads", PathPattern.prefix("/items"), Set.of("GET"), Map.of()),
                rule("writes", PathPattern.prefix("/submit"), Set.of("POST"), Map.of())));
        assertThat(route(table, "h", "/items/1", "HEAD", NO_HEADERS)).contains("reads");
        assertThat(route(table, "h", "/submit", "HEAD", NO_HEADERS)).isEmpty();
    }

    private static RouteRule<String> rule(String name, List<PathPattern> paths) {
        return new RouteRule<>(name, HostPattern.parse("*"), paths, Set.of(), Map.of(), name);
    }

    @Test
    void aRouteWithSeveralPathsServesEachOfThem() {
        RouteTable<String> table = RouteTable.of(List.of(
                rule("calculator", List.of(PathPattern.template("/calculator/**"),
                        PathPattern.template("/soap.calculator.Calculator/*"))),
                rule("other", "*", PathPattern.prefix("/other"))));
        assertThat(route(table, "h", "/calculator/Add")).contains("calculator");
        assertThat(route(table, "h", "/calculator")).contains("calculator");
        assertThat(route(table, "h", "/soap.calculator.Calculator/Add")).contains("calculator");
        assertThat(route(table, "h", "/soap.calculator.Calculator/Add/more")).isEmpty();
        assertThat(route(table, "h", "/soap.calculator.Other/Add")).isEmpty();
        assertThat(route(table, "h", "/other/x")).contains("other");
    }

    @Test
    void theMatchCarriesTheCapturesOfThePathThatMatched() {
        RouteTable<String> table = RouteTable.of(List.of(rule("users", List.of(
                PathPattern.template("/users/{id}/files/**"), PathPattern.template("/people/{name}")))));
        assertThat(table.match("h", "/users/7/files/a/b", "GET", NO_HEADERS)).hasValueSatisfying(match -> {
            assertThat(match.path().variables()).containsExactlyEntriesOf(Map.of("id", "7"));
            assertThat(match.path().rest()).isEqualTo("a/b");
        });
        assertThat(table.match("h", "/people/ann", "GET", NO_HEADERS)).hasValueSatisfying(match -> {
            assertThat(match.path().variables()).containsExactlyEntriesOf(Map.of("name", "ann"));
            assertThat(match.path().rest()).isEmpty();
        });
    }

    /** Each path of a route with several stands where a route with only that path would stand. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/users/1", "/api/users/1/x", "/api/other", "/api", "/users/7", "/users/7/x",
            "/users", "/users/me", "/nowhere"})
    void eachPathTakesPartAsASinglePathRouteWould(String path) {
        PathPattern apiRest = PathPattern.template("/api/**");
        PathPattern user = PathPattern.template("/users/{id}");
        List<RouteRule<String>> others = List.of(
                rule("api-user", "*", PathPattern.template("/api/users/{id}")),
                rule("users-prefix", "*", PathPattern.prefix("/users")),
                rule("me", "*", PathPattern.exact("/users/me")));
        RouteTable<String> merged = RouteTable.of(concat(List.of(rule("mixed", List.of(apiRest, user))), others));
        RouteTable<String> split = RouteTable.of(concat(List.of(rule("mixed", "*", apiRest),
                rule("mixed-2", "*", user)), others));

        assertThat(route(merged, "h", path)).isEqualTo(route(split, "h", path).map(name -> name.replace("-2", "")));
        assertThat(route(merged, "h", "/api/users/1")).contains("api-user");
        assertThat(route(merged, "h", "/users/7")).contains("mixed");
        assertThat(route(merged, "h", "/users/7/x")).contains("users-prefix");
    }

    private static List<RouteRule<String>> concat(List<RouteRule<String>> first, List<RouteRule<String>> second) {
        List<RouteRule<String>> all = new java.util.ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    @Test
    void equallySpecificPathsAreTriedInConfigurationOrderOfRoutesThenOfPaths() {
        RouteTable<String> table = RouteTable.of(List.of(
                rule("first", List.of(PathPattern.prefix("/x"), PathPattern.prefix("/y"))),
                rule("second", List.of(PathPattern.prefix("/y"), PathPattern.prefix("/z")))));
        assertThat(route(table, "h", "/y/1")).contains("first");
        assertThat(route(table, "h", "/z/1")).contains("second");

        // Within one route, the path listed first wins a tie, and its captures are the ones reported.
        RouteTable<String> ties = RouteTable.of(List.of(rule("r", List.of(
                PathPattern.template("/{section}/b"), PathPattern.template("/a/{item}")))));
        assertThat(ties.match("h", "/a/b", "GET", NO_HEADERS)).hasValueSatisfying(match ->
                assertThat(match.path().variables()).containsExactlyEntriesOf(Map.of("section", "a")));
        RouteTable<String> reversed = RouteTable.of(List.of(rule("r", List.of(
                PathPattern.template("/a/{item}"), PathPattern.template("/{section}/b")))));
        assertThat(reversed.match("h", "/a/b", "GET", NO_HEADERS)).hasValueSatisfying(match ->
                assertThat(match.path().variables()).containsExactlyEntriesOf(Map.of("item", "b")));
    }

    @Test
    void hostMethodsAndHeadersApplyToEveryPath() {
        RouteRule<String> writes = new RouteRule<>("writes", HostPattern.parse("api.example.com"),
                List.of(PathPattern.prefix("/a"), PathPattern.prefix("/b")), Set.of("POST"),
                Map.of("x-tenant", "*"), "writes");
        RouteTable<String> table = RouteTable.of(List.of(writes, rule("any", "*", PathPattern.prefix("/"))));
        HttpHeaders tenant = new DefaultHttpHeaders().add("x-tenant", "t1");
        for (String path : List.of("/a/1", "/b/1")) {
            assertThat(route(table, "api.example.com", path, "POST", tenant)).contains("writes");
            assertThat(route(table, "other.example.com", path, "POST", tenant)).contains("any");
            assertThat(route(table, "api.example.com", path, "GET", tenant)).contains("any");
            assertThat(route(table, "api.example.com", path, "POST", NO_HEADERS)).contains("any");
        }
    }

    @Test
    void aRouteWithSeveralPathsIsListedOnceWhereItsMostSpecificPathStands() {
        RouteTable<String> table = RouteTable.of(List.of(
                rule("catch-all", "*", PathPattern.prefix("/")),
                rule("template", "*", PathPattern.template("/t/{x}")),
                rule("several", List.of(PathPattern.prefix("/p"), PathPattern.exact("/e")))));
        assertThat(table.rules()).extracting(RouteRule::name).containsExactly("several", "template", "catch-all");
    }

    @Test
    void aRouteNeedsAPath() {
        assertThatThrownBy(() -> rule("none", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none");
    }

    /** The reason the normaliser exists: a public route must not be a way into an admin route. */
    @ParameterizedTest
    @ValueSource(strings = {"/public/../admin", "/public/%2e%2e/admin", "/public/%2E%2E/admin", "/public/.%2e/admin",
            "/public/..%2fadmin", "/public/%2e%2e%2fadmin"})
    void traversalFromAPublicRouteLandsOnTheAdminRoute(String raw) {
        RouteTable<String> table = RouteTable.of(List.of(
                rule("public", "*", PathPattern.template("/public/**")),
                rule("admin", PathPattern.prefix("/admin"), Set.of(), Map.of("authorization", "*"))));
        String path = PathNormalizer.normalize(raw);
        assertThat(path).isEqualTo("/admin");
        assertThat(route(table, "h", path)).isEmpty();
    }
}
