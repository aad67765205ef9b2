package dev.polygate.translators.model.transcoding;

import static dev.polygate.translators.model.transcoding.Fixtures.TYPES;
import static dev.polygate.translators.model.transcoding.Fixtures.match;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.test.v1.ListBooksResponse;
import dev.polygate.test.v1.Shelf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The transcoders read and write JSON only through the codec they are given, on every body path. */
class JsonCodecSeamTest {

    /** Delegates to proto3 JSON, recording what it is handed; "boom" in a document is a client mistake. */
    private static final class RecordingCodec implements JsonCodec {
        final JsonCodec proto = JsonCodec.protoJson(TranscodingOptions.defaults(), TYPES);
        final List<String> merged = new ArrayList<>();
        final List<String> mergedInto = new ArrayList<>();
        final List<String> completed = new ArrayList<>();

        @Override
        public void merge(String json, Message.Builder builder) {
            merged.add(json);
            mergedInto.add(builder.getDescriptorForType().getName());
            if (json.contains("boom")) {
                throw new GatewayException(ErrorKind.BAD_REQUEST, "boom refused");
            }
            proto.merge(json, builder);
        }

        @Override
        public String print(MessageOrBuilder message) {
            return proto.print(message).replace("\"theme\"", "\"THEME\"");
        }

        @Override
        public void checkComplete(MessageOrBuilder request) {
            completed.add(proto.print(request));
        }
    }

    private final RecordingCodec codec = new RecordingCodec();
    private final RequestTranscoder requests = new RequestTranscoder(TranscodingOptions.defaults(), TYPES, codec);
    private final ResponseTranscoder responses = new ResponseTranscoder(TranscodingOptions.defaults(), TYPES, codec);

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void wholeBodyIsMergedByTheCodecAndTheCompleteRequestIsCheckedAfterThePath() {
        DynamicMessage m = requests.request(match("POST", "/v1/shelves/s1:merge"), Map.of(),
                bytes("{\"otherShelf\":\"shelves/s2\"}"));
        assertThat(codec.merged).containsExactly("{\"otherShelf\":\"shelves/s2\"}");
        assertThat(codec.mergedInto).containsExactly("MergeShelvesRequest");
        assertThat(codec.completed).containsExactly("{\"name\":\"shelves/s1\",\"otherShelf\":\"shelves/s2\"}");
        assertThat(m.toString()).contains("other_shelf: \"shelves/s2\"");
    }

    @Test
    void messageFieldBodyIsWrappedAndMergedIntoTheRequest() {
        DynamicMessage m = requests.request(match("POST", "/v1/shelves"), Map.of(), bytes("{\"theme\":\"Poetry\"}"));
        assertThat(codec.merged).containsExactly("{\"shelf\":{\"theme\":\"Poetry\"}}");
        assertThat(codec.mergedInto).containsExactly("CreateShelfRequest");
        assertThat(codec.completed).containsExactly("{\"shelf\":{\"theme\":\"Poetry\"}}");
        assertThat(m.toString()).contains("theme: \"Poetry\"");
    }

    @Test
    void valueFieldBodyIsWrappedAsTheOneFieldOfARequest() {
        DynamicMessage m = requests.request(match("PUT", "/v1/shelves/s1/books/b1/tags"), Map.of(),
                bytes("[\"a\",\"b\"]"));
        assertThat(codec.merged).containsExactly("{\"tags\":[\"a\",\"b\"]}");
        assertThat(codec.mergedInto).containsExactly("TagBookRequest");
        assertThat(m.toString()).contains("tags: \"a\"").contains("tags: \"b\"");
    }

    @Test
    void codecErrorsOfStreamedMessagesSayWhichMessage() {
        assertThatThrownBy(() -> requests.streamingRequests(match("POST", "/v1/shelves/s1/books:import"), Map.of(),
                bytes("[{\"title\":\"ok\"},{\"title\":\"boom\"}]")))
                .isInstanceOf(GatewayException.class)
                .hasMessage("message 2: boom refused")
                .extracting(e -> ((GatewayException) e).kind()).isEqualTo(ErrorKind.BAD_REQUEST);
        assertThatThrownBy(() -> requests.request(match("POST", "/v1/shelves"), Map.of(), bytes("{\"theme\":\"boom\"}")))
                .hasMessage("boom refused");
    }

    @Test
    void responsesAreThePrintsOfTheCodec() {
        Shelf shelf = Shelf.newBuilder().setName("shelves/s1").setTheme("Poetry").build();
        assertThat(new String(responses.response(match("GET", "/v1/shelves/s1"), shelf), StandardCharsets.UTF_8))
                .isEqualTo("{\"name\":\"shelves/s1\",\"THEME\":\"Poetry\"}");
    }

    @Test
    void responseBodyValuesAreCutFromThePrintedWrapper() {
        ListBooksResponse r = ListBooksResponse.newBuilder().setNextPageToken("t")
                .addBooks(dev.polygate.test.v1.Book.newBuilder().setTitle("A")).build();
        assertThat(new String(responses.response(match("GET", "/v1/shelves/s1/books:array"), r),
                StandardCharsets.UTF_8)).isEqualTo("[{\"title\":\"A\"}]");
        assertThat(new String(responses.response(match("GET", "/v1/shelves/s1/books:array"),
                ListBooksResponse.getDefaultInstance()), StandardCharsets.UTF_8)).isEqualTo("[]");
    }

    @Test
    void theValueOfAWrapperIsFoundPastEscapedKeys() {
        assertThat(JsonText.onlyValue("{\"a\\\":b\":{\"c\":1}}")).isEqualTo("{\"c\":1}");
        // a codec that leaves the field out: the value is null, never a fragment of the object
        assertThat(JsonText.onlyValue("{}")).isEqualTo("null");
    }
}
