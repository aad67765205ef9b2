package dev.polygate.translators.model.transcoding;

import static dev.polygate.translators.model.transcoding.RuntimeLibrary.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.CustomHttpPattern;
import com.google.api.HttpRule;
import dev.polygate.spi.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Precedence among overlapping templates, rules read from run-time descriptors, and rule errors. */
class PrecedenceAndConfigTest {

    private static final HttpRuleIndex OVERLAPPING = build(Map.of(
            "GetShelf", get("/p/{name=**}"),
            "GetBook", get("/p/{name=*}"),
            "DeleteShelf", get("/p/x"),
            "MergeShelves", get("/p/{name=*}:verb"),
            "MoveBook", get("/{name=*}/x"),
            "ListShelves", get("/r/b/*"),
            "WatchShelf", get("/r/{name=*}/c")));

    private static HttpRuleIndex build(Map<String, HttpRule> rules) {
        try {
            return HttpRuleIndex.build(List.of(RuntimeLibrary.withRules(rules)));
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static String methodFor(String path) {
        RuleLookup lookup = OVERLAPPING.lookup("GET", path);
        assertThat(lookup).as(path).isInstanceOf(RuleLookup.Found.class);
        return ((RuleLookup.Found) lookup).match().method().getName();
    }

    @Test
    void moreLiteralSegmentsWin() {
        assertThat(methodFor("/p/x")).isEqualTo("DeleteShelf");
        assertThat(methodFor("/q/x")).isEqualTo("MoveBook");
    }

    @Test
    void aVerbCountsAsALiteral() {
        assertThat(methodFor("/p/a:verb")).isEqualTo("MergeShelves");
        assertThat(methodFor("/p/a:other")).isEqualTo("GetBook");
    }

    @Test
    void singleWildcardBeatsDoubleWildcard() {
        assertThat(methodFor("/p/a")).isEqualTo("GetBook");
        assertThat(methodFor("/p/a/b")).isEqualTo("GetShelf");
        assertThat(methodFor("/p")).isEqualTo("GetShelf");
    }

    @Test
    void declarationOrderBreaksTies() {
        assertThat(methodFor("/r/b/c")).isEqualTo("ListShelves");
        assertThat(methodFor("/r/a/c")).isEqualTo("WatchShelf");
    }

    @Test
    void rulesStoredAsUnknownFieldsAreRead() {
        RuleMatch m = ((RuleLookup.Found) OVERLAPPING.lookup("GET", "/p/a%2Fb/c")).match();
        assertThat(m.method().getName()).isEqualTo("GetShelf");
        assertThat(m.pathVariables()).isEqualTo(Map.of("name", "a%2Fb/c"));
        assertThat(OVERLAPPING.describe()).contains("POST /polygate.test.v1.Library/Ping -> polygate.test.v1.Library/Ping (body: *)");
    }

    private static List<String> problems(Map<String, HttpRule> rules) {
        try {
            HttpRuleIndex.build(List.of(RuntimeLibrary.withRules(rules)));
        } catch (ConfigException e) {
            assertThat(e.problems()).allSatisfy(p -> assertThat(p.path()).isEmpty());
            return e.problems().stream().map(ConfigException.Problem::message).toList();
        }
        throw new AssertionError("no ConfigException");
    }

    @Test
    void invalidTemplates() {
        assertThat(problems(Map.of(
                "GetShelf", get("/v1/{name"),
                "GetBook", get("v1/books"),
                "DeleteShelf", get("/v1/**/x"),
                "MergeShelves", get("/v1/{name=a/{b}}"),
                "MoveBook", get("/v1/{name}/"),
                "TagBook", get("/v1/{9name}")))).containsExactlyInAnyOrder(
                "polygate.test.v1.Library/GetShelf GET /v1/{name: invalid path template: unclosed variable \"name\" at position 9",
                "polygate.test.v1.Library/MergeShelves GET /v1/{name=a/{b}}: invalid path template: variables cannot be nested at position 12",
                "polygate.test.v1.Library/DeleteShelf GET /v1/**/x: invalid path template: '**' must be the last segment",
                "polygate.test.v1.Library/GetBook GET v1/books: invalid path template: must start with '/'",
                "polygate.test.v1.Library/MoveBook GET /v1/{name}/: invalid path template: empty segment at position 11",
                "polygate.test.v1.Library/TagBook GET /v1/{9name}: invalid path template: invalid field path \"9name\" at position 5");
    }

    @Test
    void fieldsNamedByTheRuleMustExist() {
        assertThat(problems(Map.of(
                "GetShelf", get("/v1/{shelf_name}"),
                "CreateShelf", HttpRule.newBuilder().setPost("/v1/shelves").setBody("shelves").build(),
                "ListShelves", HttpRule.newBuilder().setGet("/v1/shelves").setResponseBody("shelf").build(),
                "CreateBook", get("/v1/{book}"),
                "TagBook", get("/v1/{tags}"),
                "UpdateBook", get("/v1/{book.nope}")))).containsExactlyInAnyOrder(
                "polygate.test.v1.Library/CreateShelf POST /v1/shelves: body \"shelves\" is not a top-level field of polygate.test.v1.CreateShelfRequest",
                "polygate.test.v1.Library/GetShelf GET /v1/{shelf_name}: path variable \"shelf_name\" is not a field of polygate.test.v1.GetShelfRequest",
                "polygate.test.v1.Library/ListShelves GET /v1/shelves: response_body \"shelf\" is not a top-level field of polygate.test.v1.ListShelvesResponse",
                "polygate.test.v1.Library/CreateBook GET /v1/{book}: path variable \"book\" must name a singular scalar field, not a message field",
                "polygate.test.v1.Library/UpdateBook GET /v1/{book.nope}: path variable \"book.nope\" is not a field of polygate.test.v1.UpdateBookRequest",
                "polygate.test.v1.Library/TagBook GET /v1/{tags}: path variable \"tags\" must name a singular scalar field, not a repeated field");
    }

    @Test
    void nestedAdditionalBindingsMissingPatternsAndDuplicates() {
        HttpRule nested = HttpRule.newBuilder().setGet("/v1/{name=shelves/*}")
                .addAdditionalBindings(HttpRule.newBuilder().setGet("/v1/shelf/{name}")
                        .addAdditionalBindings(get("/v1/deeper/{name}")))
                .build();
        assertThat(problems(Map.of(
                "GetShelf", nested,
                "GetBook", HttpRule.newBuilder().setBody("*").build(),
                "MoveBook", HttpRule.newBuilder().setCustom(CustomHttpPattern.newBuilder().setPath("/v1/x")).build(),
                "DeleteShelf", get("/v2/{name}"),
                "MergeShelves", get("/v2/{other_shelf=*}")))).containsExactlyInAnyOrder(
                "polygate.test.v1.Library/GetShelf /v1/shelf/{name}: additional_bindings cannot contain additional_bindings",
                "polygate.test.v1.Library/GetBook: no HTTP method and path",
                "polygate.test.v1.Library/MoveBook /v1/x: custom pattern without a kind",
                "polygate.test.v1.Library/MergeShelves GET /v2/{other_shelf=*}: matches the same paths as "
                        + "polygate.test.v1.Library.DeleteShelf (GET /v2/{name})");
    }

    @Test
    void theConfigExceptionMessageListsEveryProblem() {
        assertThatThrownBy(() -> HttpRuleIndex.build(List.of(RuntimeLibrary.withRules(Map.of(
                "GetShelf", get("/v1/{a"), "GetBook", get("/v1/{b"))))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("(root): polygate.test.v1.Library/GetShelf GET /v1/{a")
                .hasMessageContaining("(root): polygate.test.v1.Library/GetBook GET /v1/{b");
    }
}
