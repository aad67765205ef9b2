package dev.polygate.translators.model.transcoding;

import static dev.polygate.translators.model.transcoding.Fixtures.TYPES;
import static dev.polygate.translators.model.transcoding.Fixtures.match;
import static dev.polygate.translators.model.transcoding.Fixtures.query;
import static dev.polygate.translators.model.transcoding.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polygate.spi.GatewayException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A session's prepared requests answer, message after message, what {@link RequestTranscoder#request} answers. */
class PreparedRequestTest {

    private final RequestTranscoder transcoder = new RequestTranscoder(TranscodingOptions.defaults(), TYPES);

    /** The same message, or the same error, from the prepared request as from the transcoder, three times over. */
    private void sameAsTranscoder(String method, String path, String queryString, String... bodies) {
        RuleMatch match = match(method, path);
        Map<String, List<String>> query = query(queryString);
        PreparedRequest prepared = transcoder.prepare(match, query);
        for (int round = 0; round < 3; round++) {
            for (String body : bodies) {
                Object expected = outcome(() -> transcoder.request(match, query, utf8(body)));
                Object actual = outcome(() -> prepared.request(body));
                assertThat(actual).as(method + " " + path + "?" + queryString + " " + body).isEqualTo(expected);
            }
        }
    }

    private static Object outcome(java.util.function.Supplier<Object> request) {
        try {
            return request.get();
        } catch (GatewayException e) {
            return e.kind() + ": " + e.detail();
        }
    }

    @Test
    void wholeBodyMessagesOneAfterAnother() {
        sameAsTranscoder("POST", "/v1/shelves/s1/books/b1:checkout", "",
                "{\"member\":\"m-1\"}", "", "{\"member\":\"m-2\",\"book\":{\"name\":\"x\"}}");
    }

    @Test
    void pathVariablesAndQueryAreSetOnEveryMessage() {
        sameAsTranscoder("POST", "/v1/shelves/s1/books", "bookId=b9",
                "{\"title\":\"Dune\"}", "{\"title\":\"Emma\",\"genre\":\"FICTION\"}", "");
        sameAsTranscoder("PATCH", "/v1/shelves/s1/books/b1", "updateMask=title",
                "{\"name\":\"ignored\",\"title\":\"New\"}", "{\"title\":\"Newer\"}");
    }

    @Test
    void aBindingWithoutBodyReadsPathAndQueryAlone() {
        sameAsTranscoder("GET", "/v1/shelves/s1", "readMask=theme", "", "{\"name\":\"other\"}");
    }

    @Test
    void mistakesAreTheTranscodersWordForWord() {
        sameAsTranscoder("POST", "/v1/shelves/s1/books/b1:checkout", "",
                "{\"member\":", "[1]", "{\"nope\":1}", "{\"dueTime\":\"2024-13-01T00:00:00Z\"}", "{} {}",
                "{\"member\":\"fine\"}");
        sameAsTranscoder("POST", "/v1/shelves", "shelf.theme=x", "{}", "{\"theme\":\"y\"}");
    }

    @Test
    void aPathValueItsFieldRefusesIsRefusedForEachMessageAfterTheBody() {
        RuleMatch match = match("GET", "/v1/everything/s/x1/n1");
        PreparedRequest prepared = transcoder.prepare(match, Map.of());
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> prepared.request(""))
                    .hasMessage("path variable \"int64_value\": \"x1\" is not a valid int64");
        }
        sameAsTranscoder("GET", "/v1/everything/s/-42/n1", "", "", "");
    }
}
