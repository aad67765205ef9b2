package dev.polygate.translators.model.transcoding;

import static dev.polygate.translators.model.transcoding.Fixtures.TYPES;
import static dev.polygate.translators.model.transcoding.Fixtures.match;
import static dev.polygate.translators.model.transcoding.Fixtures.query;
import static dev.polygate.translators.model.transcoding.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.FieldMask;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Timestamps;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.test.v1.Author;
import dev.polygate.test.v1.Book;
import dev.polygate.test.v1.BookRef;
import dev.polygate.test.v1.Checkout;
import dev.polygate.test.v1.CheckoutBookRequest;
import dev.polygate.test.v1.CreateBookRequest;
import dev.polygate.test.v1.CreateShelfRequest;
import dev.polygate.test.v1.Genre;
import dev.polygate.test.v1.GetShelfRequest;
import dev.polygate.test.v1.ListBooksRequest;
import dev.polygate.test.v1.MergeShelvesRequest;
import dev.polygate.test.v1.MoveBookRequest;
import dev.polygate.test.v1.PingRequest;
import dev.polygate.test.v1.Shelf;
import dev.polygate.test.v1.TagBookRequest;
import dev.polygate.test.v1.UpdateBookRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Body modes, path variables and their interplay with the query. */
class RequestTranscoderTest {

    private final RequestTranscoder transcoder = new RequestTranscoder(TranscodingOptions.defaults(), TYPES);

    private DynamicMessage request(String method, String path, String queryString, String body) {
        return transcoder.request(match(method, path), query(queryString), utf8(body));
    }

    @Test
    void noBodyPathAndQuery() throws InvalidProtocolBufferException {
        DynamicMessage m = request("GET", "/v1/shelves/s1", "readMask=theme,bookCount", "");
        assertThat(GetShelfRequest.parseFrom(m.toByteString())).isEqualTo(GetShelfRequest.newBuilder()
                .setName("shelves/s1")
                .setReadMask(FieldMask.newBuilder().addPaths("theme").addPaths("book_count"))
                .build());
    }

    @Test
    void bodyOfABindingWithoutBodyIsIgnored() throws InvalidProtocolBufferException {
        DynamicMessage m = request("GET", "/v1/shelves/s1", "", "{\"name\":\"other\"}");
        assertThat(GetShelfRequest.parseFrom(m.toByteString()).getName()).isEqualTo("shelves/s1");
    }

    @Test
    void bodyFieldMessage() throws InvalidProtocolBufferException {
        DynamicMessage m = request("POST", "/v1/shelves", "requestId=r-1",
                "{\"name\":\"shelves/new\",\"theme\":\"Poetry\",\"bookCount\":\"12\"}");
        assertThat(CreateShelfRequest.parseFrom(m.toByteString())).isEqualTo(CreateShelfRequest.newBuilder()
                .setShelf(Shelf.newBuilder().setName("shelves/new").setTheme("Poetry").setBookCount(12))
                .setRequestId("r-1")
                .build());
    }

    @Test
    void bodyFieldWithPathVariableBesideIt() throws InvalidProtocolBufferException {
        DynamicMessage m = request("POST", "/v1/shelves/s1/books", "bookId=b9",
                "{\"title\":\"Dune\",\"author\":{\"displayName\":\"Frank Herbert\"},\"genre\":\"FICTION\"}");
        assertThat(CreateBookRequest.parseFrom(m.toByteString())).isEqualTo(CreateBookRequest.newBuilder()
                .setParent("shelves/s1")
                .setBookId("b9")
                .setBook(Book.newBuilder().setTitle("Dune").setGenre(Genre.FICTION)
                        .setAuthor(Author.newBuilder().setDisplayName("Frank Herbert")))
                .build());
    }

    @Test
    void pathVariableInsideTheBodyFieldWinsOverTheBody() throws InvalidProtocolBufferException {
        DynamicMessage m = request("PATCH", "/v1/shelves/s1/books/b1", "updateMask=title,author.displayName",
                "{\"name\":\"ignored\",\"title\":\"New\"}");
        assertThat(UpdateBookRequest.parseFrom(m.toByteString())).isEqualTo(UpdateBookRequest.newBuilder()
                .setBook(Book.newBuilder().setName("shelves/s1/books/b1").setTitle("New"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("title").addPaths("author.display_name"))
                .build());
    }

    @Test
    void threeLevelPathVariableWithEmptyBody() throws InvalidProtocolBufferException {
        DynamicMessage m = request("POST", "/v1/shelves/s1/books/b1:checkout", "", "");
        assertThat(CheckoutBookRequest.parseFrom(m.toByteString())).isEqualTo(CheckoutBookRequest.newBuilder()
                .setCheckout(Checkout.newBuilder().setBook(BookRef.newBuilder().setName("shelves/s1/books/b1")))
                .build());
        DynamicMessage withBody = request("POST", "/v1/shelves/s1/books/b1:checkout", "",
                "{\"member\":\"m-7\",\"dueTime\":\"2024-06-01T00:00:00Z\",\"book\":{\"name\":\"x\"}}");
        Checkout checkout = CheckoutBookRequest.parseFrom(withBody.toByteString()).getCheckout();
        assertThat(checkout.getMember()).isEqualTo("m-7");
        assertThat(checkout.getBook().getName()).isEqualTo("shelves/s1/books/b1");
        assertThat(Timestamps.toString(checkout.getDueTime())).isEqualTo("2024-06-01T00:00:00Z");
    }

    @Test
    void bodyStarWithVerb() throws InvalidProtocolBufferException {
        DynamicMessage m = request("POST", "/v1/shelves/s1:merge", "", "{\"otherShelf\":\"shelves/s2\"}");
        assertThat(MergeShelvesRequest.parseFrom(m.toByteString())).isEqualTo(MergeShelvesRequest.newBuilder()
                .setName("shelves/s1").setOtherShelf("shelves/s2").build());
    }

    @Test
    void bodyStarIgnoresTheQuery() throws InvalidProtocolBufferException {
        DynamicMessage m = request("MOVE", "/v1/shelves/s1/books/b1", "otherShelfName=ignored&nonsense=1",
                "{\"other_shelf_name\":\"shelves/s2\"}");
        assertThat(MoveBookRequest.parseFrom(m.toByteString())).isEqualTo(MoveBookRequest.newBuilder()
                .setName("shelves/s1/books/b1").setOtherShelfName("shelves/s2").build());
    }

    @Test
    void bodyFieldRepeated() throws InvalidProtocolBufferException {
        DynamicMessage m = request("PUT", "/v1/shelves/s1/books/b1/tags", "", "[\"classic\", \"space\"]");
        assertThat(TagBookRequest.parseFrom(m.toByteString())).isEqualTo(TagBookRequest.newBuilder()
                .setName("shelves/s1/books/b1").addTags("classic").addTags("space").build());
    }

    @Test
    void repeatedBodyCannotSmuggleOtherFields() {
        assertThatThrownBy(() -> request("PUT", "/v1/shelves/s1/books/b1/tags", "", "[\"a\"],\"name\":\"x\""))
                .isInstanceOf(GatewayException.class)
                .hasMessage("malformed JSON: unexpected content after the JSON value at line 1 column 6");
        assertThatThrownBy(() -> request("PUT", "/v1/shelves/s1/books/b1/tags", "", "[1, {}]"))
                .hasMessage("field \"tags[1]\": expected a string, got an object");
    }

    @Test
    void genericMappingTakesTheWholeRequestFromTheBody() throws InvalidProtocolBufferException {
        DynamicMessage m = request("POST", "/polygate.test.v1.Library/Ping", "", "{\"message\":\"hi\"}");
        assertThat(PingRequest.parseFrom(m.toByteString()).getMessage()).isEqualTo("hi");
        DynamicMessage empty = request("POST", "/polygate.test.v1.Library/Ping", "", "");
        assertThat(empty.getAllFields()).isEmpty();
    }

    @Test
    void queryParametersOfAListRequest() throws InvalidProtocolBufferException {
        DynamicMessage m = request("GET", "/v1/shelves/s1/books",
                "pageSize=25&page_token=abc&genre=HISTORY&tags=a&tags=b&publishedAfter=2024-01-31T12:00:00Z"
                        + "&author.displayName=Ann&author.birth_year=1970&maxReadingTime=1.5s&inPrint=true", "");
        ListBooksRequest r = ListBooksRequest.parseFrom(m.toByteString());
        assertThat(r.getParent()).isEqualTo("shelves/s1");
        assertThat(r.getPageSize()).isEqualTo(25);
        assertThat(r.getPageToken()).isEqualTo("abc");
        assertThat(r.getGenre()).isEqualTo(Genre.HISTORY);
        assertThat(r.getTagsList()).containsExactly("a", "b");
        assertThat(Timestamps.toString(r.getPublishedAfter())).isEqualTo("2024-01-31T12:00:00Z");
        assertThat(r.getAuthor()).isEqualTo(Author.newBuilder().setDisplayName("Ann").setBirthYear(1970).build());
        assertThat(r.getMaxReadingTime().getSeconds()).isEqualTo(1);
        assertThat(r.getMaxReadingTime().getNanos()).isEqualTo(500_000_000);
        assertThat(r.getInPrint().getValue()).isTrue();
    }

    @Test
    void queryParameterForAPathBoundField() {
        assertThatThrownBy(() -> request("GET", "/v1/shelves/s1/books", "parent=shelves/s2", ""))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST))
                .hasMessage("query parameter \"parent\": sets field \"parent\", which the path already sets");
    }

    @Test
    void queryParameterForABodyBoundField() {
        assertThatThrownBy(() -> request("POST", "/v1/shelves", "shelf.theme=x", "{}"))
                .hasMessage("query parameter \"shelf.theme\": sets field \"shelf.theme\", which the request body already sets");
    }

    @Test
    void pathVariableOfANonStringField() throws InvalidProtocolBufferException {
        DynamicMessage m = transcoder.request(match("GET", "/v1/everything/s/-42/n1"), Map.of(), new byte[0]);
        var e = dev.polygate.test.v1.Everything.parseFrom(m.toByteString());
        assertThat(e.getStringValue()).isEqualTo("s");
        assertThat(e.getInt64Value()).isEqualTo(-42);
        assertThat(e.getNested().getName()).isEqualTo("n1");
        assertThatThrownBy(() -> transcoder.request(match("GET", "/v1/everything/s/x1/n1"), Map.of(), null))
                .hasMessage("path variable \"int64_value\": \"x1\" is not a valid int64");
    }

    @Test
    void requestsMayBeBuiltFromMatchesMadeElsewhere() throws InvalidProtocolBufferException {
        RuleMatch found = match("GET", "/v1/shelves/s1");
        RuleMatch handMade = new RuleMatch(found.method(), found.binding(), Map.of("name", "shelves/s9"));
        DynamicMessage m = transcoder.request(handMade, Map.of(), null);
        assertThat(GetShelfRequest.parseFrom(m.toByteString()).getName()).isEqualTo("shelves/s9");
    }

    @Test
    void impossibleDatesAreRefusedNotRolledOver() {
        // protobuf's own parser would read these as 2025-01-01 and 2024-03-02T02:01:00Z.
        assertThatThrownBy(() -> request("POST", "/v1/shelves/s1/books/b1:checkout", "",
                "{\"dueTime\":\"2024-13-01T00:00:00Z\"}"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
                    assertThat(e.detail()).contains("dueTime", "2024-13-01T00:00:00Z");
                });
        assertThatThrownBy(() -> request("GET", "/v1/shelves/s1/books", "publishedAfter=2024-02-30T25:61:00Z", ""))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.detail()).contains("publishedAfter"));
        DynamicMessage leapDay = request("POST", "/v1/shelves/s1/books/b1:checkout", "",
                "{\"dueTime\":\"2024-02-29T23:59:59.5+01:00\"}");
        assertThat(leapDay.toString()).contains("seconds: 1709247599");
    }
}
