package dev.polygate.edge.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.edge.grpc.RestGateway.Answer;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every google.api.http binding shape of the test services, called by a REST client through the gateway. */
final class HttpRuleRoutingTest {
    @TempDir
    static Path dir;
    static GrpcBackend backend;
    static RestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        backend = GrpcBackend.start();
        gateway = RestGateway.start(dir, backend.port(), "");
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        backend.close();
    }

    /** POST with body "shelf"; request_id, which the body does not bind, from the query. */
    static void createShelf(String id) throws Exception {
        Answer created = gateway.post("/v1/shelves?requestId=" + id, "{\"theme\":\"" + id + " theme\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
    }

    static void createBook(String shelf, String id, String json) throws Exception {
        Answer created = gateway.post("/v1/shelves/" + shelf + "/books?bookId=" + id, json);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
    }

    @Test
    void postWithBodyFieldThenGetWithAMultiSegmentVariable() throws Exception {
        Answer created = gateway.post("/v1/shelves?requestId=poetry", "{\"theme\":\"Poetry\"}");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.header("content-type")).startsWith("application/json");
        assertThat(created.json().toString())
                .isEqualTo("{\"name\":\"shelves/poetry\",\"theme\":\"Poetry\",\"createTime\":\"2024-01-02T03:04:05.123Z\"}");
        Answer read = gateway.get("/v1/shelves/poetry");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(created.json());
    }

    @Test
    void getWithQueryParametersOnly() throws Exception {
        createShelf("list-a");
        createShelf("list-b");
        JsonNode page = gateway.get("/v1/shelves?pageSize=1").json();
        assertThat(page.get("shelves")).hasSize(1);
        assertThat(page.get("nextPageToken").asText()).isEqualTo("1");
    }

    @Test
    void deleteAnswersEmptyMessageAsEmptyObject() throws Exception {
        createShelf("doomed");
        Answer deleted = gateway.send("DELETE", "/v1/shelves/doomed", null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{}");
        assertThat(gateway.get("/v1/shelves/doomed").status()).isEqualTo(404);
    }

    @Test
    void customVerbWithWholeBody() throws Exception {
        createShelf("merge-into");
        createShelf("merge-from");
        createBook("merge-from", "m1", "{\"title\":\"Moved\"}");
        Answer merged = gateway.post("/v1/shelves/merge-into:merge", "{\"otherShelf\":\"shelves/merge-from\"}");
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(merged.json().get("bookCount").asText()).isEqualTo("1");
        assertThat(gateway.get("/v1/shelves/merge-into/books/m1").status()).isEqualTo(200);
    }

    @Test
    void additionalBindingsReachTheSameMethod() throws Exception {
        createShelf("scifi");
        createBook("scifi", "dune", "{\"title\":\"Dune\"}");
        Answer primary = gateway.get("/v1/shelves/scifi/books/dune");
        Answer additional = gateway.get("/v1/books/dune");
        assertThat(primary.json().get("title").asText()).isEqualTo("Dune");
        assertThat(additional.json()).isEqualTo(primary.json());
    }

    @Test
    void patchBindsANestedFieldFromThePathInsideTheBodyField() throws Exception {
        createShelf("patch");
        createBook("patch", "b", "{\"title\":\"Old\",\"genre\":\"FICTION\"}");
        Answer patched = gateway.send("PATCH", "/v1/shelves/patch/books/b?updateMask=title",
                "{\"title\":\"New\",\"genre\":\"HISTORY\"}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("name").asText()).isEqualTo("shelves/patch/books/b");
        assertThat(patched.json().get("title").asText()).isEqualTo("New");
        assertThat(patched.json().get("genre").asText()).as("outside the update mask").isEqualTo("FICTION");
    }

    @Test
    void customHttpMethodKind() throws Exception {
        createShelf("move-from");
        createShelf("move-to");
        createBook("move-from", "m", "{\"title\":\"Nomad\"}");
        Answer moved = gateway.send("MOVE", "/v1/shelves/move-from/books/m", "{\"otherShelfName\":\"shelves/move-to\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().get("name").asText()).isEqualTo("shelves/move-to/books/m");
    }

    @Test
    void putWithARepeatedBodyField() throws Exception {
        createShelf("tags");
        createBook("tags", "t", "{\"title\":\"Tagged\"}");
        Answer tagged = gateway.send("PUT", "/v1/shelves/tags/books/t/tags", "[\"classic\",\"space\"]");
        assertThat(tagged.status()).as(tagged.body()).isEqualTo(200);
        assertThat(tagged.json().get("tags").toString()).isEqualTo("[\"classic\",\"space\"]");
    }

    @Test
    void threeLevelFieldPathWithAVerb() throws Exception {
        createShelf("loans");
        createBook("loans", "l", "{\"title\":\"Lent\"}");
        Answer checkout = gateway.post("/v1/shelves/loans/books/l:checkout", "{\"member\":\"ann\"}");
        assertThat(checkout.status()).as(checkout.body()).isEqualTo(200);
        assertThat(checkout.json().toString()).isEqualTo("{\"book\":{\"name\":\"shelves/loans/books/l\"},"
                + "\"member\":\"ann\",\"dueTime\":\"2024-01-02T03:04:05.123Z\"}");
    }

    @Test
    void doubleStarVariableAndAScalarResponseBody() throws Exception {
        Answer file = gateway.get("/v1/archives/2024/q1/report.txt");
        assertThat(file.json().get("path").asText()).isEqualTo("2024/q1/report.txt");
        Answer raw = gateway.get("/v1/archives/2024/q1/report.txt:raw");
        assertThat(raw.status()).isEqualTo(200);
        // response_body names a bytes field: the answer is its bare JSON value, a base64 string.
        assertThat(new String(Base64.getDecoder().decode(raw.json().asText()))).isEqualTo("contents of 2024/q1/report.txt");
    }

    @Test
    void wildcardsOutsideVariablesAndSimpleVariables() throws Exception {
        createShelf("stats");
        createBook("stats", "s1", "{\"title\":\"A\",\"author\":{\"displayName\":\"Le Guin\"},\"genre\":\"FICTION\"}");
        createBook("stats", "s2", "{\"title\":\"B\",\"author\":{\"displayName\":\"Tuchman\"},\"genre\":\"HISTORY\"}");
        assertThat(gateway.get("/v1/anything/stats").status()).isEqualTo(200);
        assertThat(gateway.get("/v2/stats/any/depth/at/all").status()).isEqualTo(200);
        assertThat(gateway.get("/v1/authors/Le%20Guin/stats").json().get("bookCount").asText()).isEqualTo("1");
        assertThat(gateway.get("/v1/genres/HISTORY/stats").json().get("bookCount").asText()).isEqualTo("1");
        assertThat(gateway.get("/v1/genres/1/stats").json().get("bookCount").asText()).as("enum by number").isEqualTo("1");
    }

    @Test
    void responseBodyMessageListAnswersTheBareArray() throws Exception {
        createShelf("array");
        createBook("array", "a1", "{\"title\":\"One\"}");
        Answer array = gateway.get("/v1/shelves/array/books:array");
        assertThat(array.json().isArray()).as(array.body()).isTrue();
        assertThat(array.json().get(0).get("title").asText()).isEqualTo("One");
        assertThat(gateway.get("/v1/shelves/array/books").json().get("books")).hasSize(1);
    }

    @Test
    void kitchenSinkBindingsWithNestedPathFieldsAndFieldBodies() throws Exception {
        JsonNode fromPath = gateway.get("/v1/everything/text/9007199254740993/inner").json();
        assertThat(fromPath.get("stringValue").asText()).isEqualTo("text");
        assertThat(fromPath.get("int64Value").asText()).isEqualTo("9007199254740993");
        assertThat(fromPath.get("nested").get("name").asText()).isEqualTo("inner");
        Answer nested = gateway.send("PUT", "/v1/everything/s/nested", "{\"name\":\"n\",\"level\":3}");
        assertThat(nested.body()).isEqualTo("{\"name\":\"n\",\"level\":3}");
        Answer numbers = gateway.post("/v1/everything/s/numbers", "[1,2,3]");
        assertThat(numbers.body()).isEqualTo("[1,2,3]");
        Answer echoed = gateway.post("/v1/everything:echo", "{\"boolValue\":true}");
        assertThat(echoed.body()).isEqualTo("{\"boolValue\":true}");
    }

    @Test
    void methodsWithoutAnnotationArePostsToTheirFullName() throws Exception {
        Answer pong = gateway.post("/polygate.test.v1.Library/Ping", "{\"message\":\"hi\"}");
        assertThat(pong.status()).isEqualTo(200);
        assertThat(pong.json().get("message").asText()).isEqualTo("pong: hi");
        createShelf("generic");
        Answer annotated = gateway.post("/polygate.test.v1.Library/GetShelf", "{\"name\":\"shelves/generic\"}");
        assertThat(annotated.json().get("theme").asText()).as("annotated methods have the generic binding too")
                .isEqualTo("generic theme");
    }

    @Test
    void unknownPathIsA404Status() throws Exception {
        Answer missing = gateway.get("/v1/nothing/here/at/all");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("content-type")).startsWith("application/json");
        assertThat(missing.json().get("code").asInt()).isEqualTo(5);
        assertThat(missing.json().get("message").asText()).contains("/v1/nothing/here/at/all");
    }

    @Test
    void wrongMethodIsA405WithAllow() throws Exception {
        Answer wrong = gateway.send("PUT", "/v1/shelves/any", "{}");
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.header("allow")).isEqualTo("DELETE, GET, HEAD");
        assertThat(wrong.json().get("code").asInt()).isEqualTo(12);
        Answer get = gateway.get("/polygate.test.v1.Library/Ping");
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("allow")).isEqualTo("POST");
    }
}
