package dev.polygate.translators.model.transcoding;

import static dev.polygate.translators.model.transcoding.Fixtures.TYPES;
import static dev.polygate.translators.model.transcoding.Fixtures.match;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import com.google.protobuf.util.Timestamps;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.test.v1.ArchiveFile;
import dev.polygate.test.v1.Book;
import dev.polygate.test.v1.Everything;
import dev.polygate.test.v1.Genre;
import dev.polygate.test.v1.ListBooksResponse;
import dev.polygate.test.v1.Shelf;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Responses, response_body, and the printing options. */
class ResponseTranscoderTest {

    private final ResponseTranscoder transcoder = new ResponseTranscoder(TranscodingOptions.defaults(), TYPES);

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    private static final Shelf SHELF = Shelf.newBuilder().setName("shelves/s1").setTheme("Poetry").setBookCount(12)
            .setCreateTime(Timestamps.fromMillis(1_700_000_000_123L)).build();

    @Test
    void wholeMessageFromProtobufBytes() {
        String json = text(transcoder.response(match("GET", "/v1/shelves/s1"), SHELF.toByteArray()));
        assertThat(json).isEqualTo("{\"name\":\"shelves/s1\",\"theme\":\"Poetry\",\"bookCount\":\"12\","
                + "\"createTime\":\"2023-11-14T22:13:20.123Z\"}");
    }

    @Test
    void parsedMessageAndLineVariantAreTheSame() {
        RuleMatch m = match("GET", "/v1/shelves/s1");
        assertThat(transcoder.response(m, SHELF)).isEqualTo(transcoder.responseLine(m, SHELF.toByteArray()));
        assertThat(text(transcoder.responseLine(m, SHELF))).doesNotContain("\n");
    }

    @Test
    void emptyResponse() {
        assertThat(text(transcoder.response(match("DELETE", "/v1/shelves/s1"), Empty.getDefaultInstance())))
                .isEqualTo("{}");
    }

    @Test
    void responseBodyRepeatedField() {
        ListBooksResponse r = ListBooksResponse.newBuilder()
                .addBooks(Book.newBuilder().setTitle("A").setGenre(Genre.SCIENCE))
                .addBooks(Book.newBuilder().setTitle("B"))
                .setNextPageToken("t")
                .build();
        assertThat(text(transcoder.response(match("GET", "/v1/shelves/s1/books:array"), r.toByteArray())))
                .isEqualTo("[{\"title\":\"A\",\"genre\":\"SCIENCE\"},{\"title\":\"B\"}]");
        assertThat(text(transcoder.response(match("GET", "/v1/shelves/s1/books:array"),
                ListBooksResponse.getDefaultInstance()))).isEqualTo("[]");
    }

    @Test
    void responseBodyScalarField() {
        ArchiveFile file = ArchiveFile.newBuilder().setPath("a").setContent(ByteString.copyFromUtf8("hi?>")).build();
        assertThat(text(transcoder.response(match("GET", "/v1/archives/a:raw"), file))).isEqualTo("\"aGk/Pg==\"");
        assertThat(text(transcoder.response(match("GET", "/v1/archives/a:raw"), ArchiveFile.getDefaultInstance())))
                .isEqualTo("\"\"");
    }

    @Test
    void responseBodyMessageField() {
        Everything e = Everything.newBuilder().setStringValue("s")
                .setNested(Everything.Nested.newBuilder().setName("n").setLevel(2)).build();
        assertThat(text(transcoder.response(match("PUT", "/v1/everything/s/nested"), e)))
                .isEqualTo("{\"name\":\"n\",\"level\":2}");
        assertThat(text(transcoder.response(match("PUT", "/v1/everything/s/nested"), Everything.getDefaultInstance())))
                .isEqualTo("{}");
    }

    @Test
    void responseBodyRepeatedScalars() {
        Everything e = Everything.newBuilder().addRepeatedInt32(1).addRepeatedInt32(-2).build();
        assertThat(text(transcoder.response(match("POST", "/v1/everything/s/numbers"), e))).isEqualTo("[1,-2]");
    }

    @Test
    void malformedProtobufIsAnUpstreamProtocolError() {
        assertThatThrownBy(() -> transcoder.response(match("GET", "/v1/shelves/s1"), new byte[] {0x0a, 0x05, 0x41}))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_PROTOCOL);
                    assertThat(e.getMessage()).isEqualTo("The upstream answered polygate.test.v1.Library.GetShelf"
                            + " with a message that is not a valid polygate.test.v1.Shelf");
                });
    }

    @Test
    void messageOfAnotherTypeIsAnInternalError() {
        assertThatThrownBy(() -> transcoder.response(match("GET", "/v1/shelves/s1"), Book.getDefaultInstance()))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL));
    }

    @Test
    void protoFieldNamesAndDefaults() {
        ResponseTranscoder options = new ResponseTranscoder(new TranscodingOptions(true, true, false), TYPES);
        Shelf shelf = Shelf.newBuilder().setName("shelves/s1").build();
        assertThat(text(options.response(match("GET", "/v1/shelves/s1"), shelf)))
                .isEqualTo("{\"name\":\"shelves/s1\",\"theme\":\"\",\"book_count\":\"0\"}");
        ResponseTranscoder camel = new ResponseTranscoder(new TranscodingOptions(false, true, false), TYPES);
        assertThat(text(camel.response(match("GET", "/v1/shelves/s1"), shelf)))
                .isEqualTo("{\"name\":\"shelves/s1\",\"theme\":\"\",\"bookCount\":\"0\"}");
    }
}
