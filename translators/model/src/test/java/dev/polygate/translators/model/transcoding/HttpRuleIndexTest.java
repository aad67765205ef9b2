package dev.polygate.translators.model.transcoding;

import static dev.polygate.translators.model.transcoding.Fixtures.INDEX;
import static dev.polygate.translators.model.transcoding.Fixtures.match;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpRuleIndexTest {

    @Test
    void getWithMultiSegmentVariable() {
        RuleMatch m = match("GET", "/v1/shelves/s1");
        assertThat(m.method().getName()).isEqualTo("GetShelf");
        assertThat(m.binding()).isEqualTo(new HttpBinding("GET", "/v1/{name=shelves/*}", "", ""));
        assertThat(m.pathVariables()).isEqualTo(Map.of("name", "shelves/s1"));
    }

    @Test
    void eachHttpMethodSelectsItsBinding() {
        assertThat(match("POST", "/v1/shelves").method().getName()).isEqualTo("CreateShelf");
        assertThat(match("GET", "/v1/shelves").method().getName()).isEqualTo("ListShelves");
        assertThat(match("DELETE", "/v1/shelves/s1").method().getName()).isEqualTo("DeleteShelf");
        assertThat(match("PATCH", "/v1/shelves/s1/books/b1").method().getName()).isEqualTo("UpdateBook");
        assertThat(match("PUT", "/v1/shelves/s1/books/b1/tags").method().getName()).isEqualTo("TagBook");
    }

    @Test
    void methodIsCaseInsensitive() {
        assertThat(match("get", "/v1/shelves/s1").method().getName()).isEqualTo("GetShelf");
    }

    @Test
    void customMethodKind() {
        RuleMatch m = match("MOVE", "/v1/shelves/s1/books/b1");
        assertThat(m.method().getName()).isEqualTo("MoveBook");
        assertThat(m.binding().httpMethod()).isEqualTo("MOVE");
        assertThat(m.binding().bodyField()).isEqualTo("*");
    }

    @Test
    void nestedFieldPathVariable() {
        RuleMatch m = match("PATCH", "/v1/shelves/s1/books/b1");
        assertThat(m.pathVariables()).isEqualTo(Map.of("book.name", "shelves/s1/books/b1"));
        RuleMatch deep = match("POST", "/v1/shelves/s1/books/b1:checkout");
        assertThat(deep.method().getName()).isEqualTo("CheckoutBook");
        assertThat(deep.pathVariables()).isEqualTo(Map.of("checkout.book.name", "shelves/s1/books/b1"));
    }

    @Test
    void verbSelectsTheTemplateWithTheVerb() {
        RuleMatch merge = match("POST", "/v1/shelves/s1:merge");
        assertThat(merge.method().getName()).isEqualTo("MergeShelves");
        assertThat(merge.pathVariables()).isEqualTo(Map.of("name", "shelves/s1"));
        assertThat(match("GET", "/v1/shelves/s1:watch").method().getName()).isEqualTo("WatchShelf");
        assertThat(match("GET", "/v1/shelves/s1/books:array").binding().responseBodyField()).isEqualTo("books");
    }

    @Test
    void withoutTheVerbAColonIsPartOfTheSegment() {
        // GetShelf has no verb: "s1:unknown" is just a shelf id.
        RuleMatch m = match("GET", "/v1/shelves/s1:unknown");
        assertThat(m.method().getName()).isEqualTo("GetShelf");
        assertThat(m.pathVariables()).isEqualTo(Map.of("name", "shelves/s1:unknown"));
    }

    @Test
    void verbWithSingleSegmentVariable() {
        RuleMatch m = match("POST", "/v1/rooms/lobby:chat");
        assertThat(m.method().getName()).isEqualTo("Chat");
        assertThat(m.pathVariables()).isEqualTo(Map.of("room", "lobby"));
    }

    @Test
    void additionalBindings() {
        RuleMatch primary = match("GET", "/v1/shelves/s1/books/b1");
        RuleMatch additional = match("GET", "/v1/books/b1");
        assertThat(primary.method()).isSameAs(additional.method());
        assertThat(additional.binding().template()).isEqualTo("/v1/{name=books/*}");
        assertThat(additional.pathVariables()).isEqualTo(Map.of("name", "books/b1"));
    }

    @Test
    void doubleWildcardVariable() {
        RuleMatch m = match("GET", "/v1/archives/2024/05/report.txt");
        assertThat(m.method().getName()).isEqualTo("GetArchiveFile");
        assertThat(m.pathVariables()).isEqualTo(Map.of("path", "2024/05/report.txt"));
        RuleMatch raw = match("GET", "/v1/archives/2024/05/report.txt:raw");
        assertThat(raw.binding().responseBodyField()).isEqualTo("content");
        assertThat(raw.pathVariables()).isEqualTo(Map.of("path", "2024/05/report.txt"));
    }

    @Test
    void doubleWildcardMatchesZeroSegments() {
        assertThat(match("GET", "/v1/archives").pathVariables()).isEqualTo(Map.of("path", ""));
        assertThat(match("GET", "/v2/stats").method().getName()).isEqualTo("GetStats");
    }

    @Test
    void wildcardsOutsideVariables() {
        assertThat(match("GET", "/v1/anything/stats").binding().template()).isEqualTo("/v1/*/stats");
        assertThat(match("GET", "/v2/stats/a/b/c").binding().template()).isEqualTo("/v2/stats/**");
        assertThat(match("GET", "/v1/anything/stats").pathVariables()).isEmpty();
    }

    @Test
    void plainAndStarVariables() {
        assertThat(match("GET", "/v1/authors/ann/stats").pathVariables()).isEqualTo(Map.of("author", "ann"));
        assertThat(match("GET", "/v1/genres/FICTION/stats").pathVariables()).isEqualTo(Map.of("genre", "FICTION"));
    }

    @Test
    void precedenceMoreLiteralsWin() {
        // "/v1/authors/{author}/stats" (3 literals) beats "/v1/*/stats" only when its shape matches;
        // "/v1/shelves" (2 literals) beats "/v1/{name=shelves/*}"-like templates for GET /v1/shelves.
        assertThat(match("GET", "/v1/shelves").method().getName()).isEqualTo("ListShelves");
        assertThat(match("GET", "/v1/authors/stats").binding().template()).isEqualTo("/v1/*/stats");
        assertThat(match("GET", "/v1/shelves/s1/books").method().getName()).isEqualTo("ListBooks");
    }

    @Test
    void precedenceAmongTemplatesOfTheSameMethodIsDeterministic() {
        // "/v1/everything/{string_value}/nested" (PUT) vs others: different methods; for GET both
        // "/v1/everything" and "/v1/everything/{...}/{...}/{...}" exist and never overlap.
        assertThat(match("GET", "/v1/everything").binding().template()).isEqualTo("/v1/everything");
        assertThat(match("GET", "/v1/everything/a/1/n").binding().template())
                .isEqualTo("/v1/everything/{string_value}/{int64_value}/{nested.name}");
    }

    @Test
    void percentDecodingOfSingleSegmentVariables() {
        RuleMatch m = match("GET", "/v1/authors/J%C3%B6rg%20M%2FB/stats");
        assertThat(m.pathVariables()).isEqualTo(Map.of("author", "Jörg M/B"));
        assertThat(match("GET", "/v1/authors/a+b/stats").pathVariables()).isEqualTo(Map.of("author", "a+b"));
    }

    @Test
    void multiSegmentVariablesKeepEncodedSlashes() {
        RuleMatch m = match("GET", "/v1/archives/dir/a%2Fb%20c.txt");
        assertThat(m.pathVariables()).isEqualTo(Map.of("path", "dir/a%2Fb c.txt"));
        RuleMatch shelf = match("GET", "/v1/shelves/a%2fb");
        assertThat(shelf.pathVariables()).isEqualTo(Map.of("name", "shelves/a%2fb"));
    }

    @Test
    void encodedSlashDoesNotSplitSegments() {
        assertThat(INDEX.lookup("GET", "/v1/shelves%2Fs1")).isInstanceOf(RuleLookup.NotFound.class);
    }

    @Test
    void escapedLiteralsMatch() {
        assertThat(match("GET", "/v1/%73helves/s1").method().getName()).isEqualTo("GetShelf");
    }

    @Test
    void malformedEscapeInAVariableIsABadRequest() {
        assertThatThrownBy(() -> INDEX.lookup("GET", "/v1/authors/a%zz/stats"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
                    assertThat(e.getMessage()).contains("percent-escape");
                });
        assertThatThrownBy(() -> INDEX.lookup("GET", "/v1/authors/%C3%28/stats"))
                .isInstanceOf(GatewayException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void methodNotAllowedListsTheMethodsThatMatch() {
        assertThat(INDEX.lookup("PUT", "/v1/shelves/s1"))
                .isEqualTo(new RuleLookup.MethodNotAllowed(Set.of("GET", "HEAD", "DELETE")));
        assertThat(INDEX.lookup("GET", "/v1/shelves/s1/books:import"))
                .isEqualTo(new RuleLookup.MethodNotAllowed(Set.of("POST")));
        // Without a verb of its own, GET /v1/{name=shelves/*/books/*} takes ":checkout" as part of the id.
        assertThat(match("GET", "/v1/shelves/s1/books/b1:checkout").pathVariables())
                .isEqualTo(Map.of("name", "shelves/s1/books/b1:checkout"));
    }

    @Test
    void headTakesTheGetBinding() {
        assertThat(match("HEAD", "/v1/shelves/s1").method().getName()).isEqualTo("GetShelf");
        assertThat(match("HEAD", "/v1/shelves").method().getName()).isEqualTo("ListShelves");
        assertThat(INDEX.lookup("HEAD", "/v1/shelves/s1/books:import"))
                .isEqualTo(new RuleLookup.MethodNotAllowed(Set.of("POST")));
    }

    @Test
    void notFound() {
        assertThat(INDEX.lookup("GET", "/v9/nothing")).isInstanceOf(RuleLookup.NotFound.class);
        assertThat(INDEX.lookup("GET", "/v1/shelves/s1/")).isInstanceOf(RuleLookup.NotFound.class);
        assertThat(INDEX.lookup("GET", "/v1//stats")).isInstanceOf(RuleLookup.NotFound.class);
        assertThat(INDEX.lookup("GET", "")).isInstanceOf(RuleLookup.NotFound.class);
        assertThat(INDEX.lookup("GET", "v1/shelves")).isInstanceOf(RuleLookup.NotFound.class);
        assertThat(INDEX.lookup("POST", "/v1/shelves/s1:nope")).isInstanceOf(RuleLookup.MethodNotAllowed.class);
    }

    @Test
    void genericMappingForEveryMethod() {
        RuleMatch ping = match("POST", "/polygate.test.v1.Library/Ping");
        assertThat(ping.method().getName()).isEqualTo("Ping");
        assertThat(ping.binding()).isEqualTo(new HttpBinding("POST", "/polygate.test.v1.Library/Ping", "*", ""));
        assertThat(match("POST", "/polygate.test.v1.Library/GetShelf").method().getName()).isEqualTo("GetShelf");
        assertThat(INDEX.lookup("GET", "/polygate.test.v1.Library/Ping"))
                .isEqualTo(new RuleLookup.MethodNotAllowed(Set.of("POST")));
    }

    @Test
    void describeListsEveryBinding() {
        assertThat(INDEX.describe()).contains(
                "GET /v1/{name=shelves/*} -> polygate.test.v1.Library/GetShelf",
                "POST /v1/shelves -> polygate.test.v1.Library/CreateShelf (body: shelf)",
                "GET /v1/{parent=shelves/*}/books:array -> polygate.test.v1.Library/ListBooks (response_body: books)",
                "MOVE /v1/{name=shelves/*/books/*} -> polygate.test.v1.Library/MoveBook (body: *)",
                "POST /polygate.test.v1.Library/Ping -> polygate.test.v1.Library/Ping (body: *)");
    }

    @Test
    void aMethodsSuccessStatusIsOnEveryBindingOfItAndOnlyThere() throws Exception {
        HttpRuleIndex index = HttpRuleIndex.build(List.of(Fixtures.LIBRARY),
                method -> method.getName().equals("DeleteShelf") ? 202 : 200);
        RuleLookup.Found delete = (RuleLookup.Found) index.lookup("DELETE", "/v1/shelves/s1");
        assertThat(delete.match().binding()).isEqualTo(new HttpBinding("DELETE", "/v1/{name=shelves/*}", "", "", 202));
        RuleLookup.Found generic = (RuleLookup.Found) index.lookup("POST", "/polygate.test.v1.Library/DeleteShelf");
        assertThat(generic.match().binding().successStatus()).isEqualTo(202);
        RuleLookup.Found get = (RuleLookup.Found) index.lookup("GET", "/v1/shelves/s1");
        assertThat(get.match().binding().successStatus()).isEqualTo(200);
        assertThat(match("DELETE", "/v1/shelves/s1").binding().successStatus()).isEqualTo(200);
    }

    @Test
    void aSuccessStatusIs2xx() {
        assertThatThrownBy(() -> new HttpBinding("POST", "/v1/x", "*", "", 404))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("404");
        assertThatThrownBy(() -> HttpRuleIndex.build(List.of(Fixtures.LIBRARY), method -> 302))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
