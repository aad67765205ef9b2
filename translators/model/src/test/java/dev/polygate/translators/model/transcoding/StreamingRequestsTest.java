package dev.polygate.translators.model.transcoding;

import static dev.polygate.translators.model.transcoding.Fixtures.TYPES;
import static dev.polygate.translators.model.transcoding.Fixtures.match;
import static dev.polygate.translators.model.transcoding.Fixtures.query;
import static dev.polygate.translators.model.transcoding.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.test.v1.ChatMessage;
import dev.polygate.test.v1.ImportBooksRequest;
import dev.polygate.test.v1.WatchShelfRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Client-streaming bodies: NDJSON or one JSON array, each message with the path and query bindings. */
class StreamingRequestsTest {

    private final RequestTranscoder transcoder = new RequestTranscoder(TranscodingOptions.defaults(), TYPES);

    private List<ImportBooksRequest> imports(String body) {
        return transcoder.streamingRequests(match("POST", "/v1/shelves/s1/books:import"), Map.of(), utf8(body))
                .stream().map(StreamingRequestsTest::toImport).toList();
    }

    private static ImportBooksRequest toImport(DynamicMessage m) {
        try {
            return ImportBooksRequest.parseFrom(m.toByteString());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void ndjsonWithBlankLinesAndCrlf() {
        List<ImportBooksRequest> messages = imports("{\"title\":\"A\"}\r\n\r\n{\"title\":\"B\",\"tags\":[\"x\"]}\n\n");
        assertThat(messages).hasSize(2);
        assertThat(messages).allSatisfy(m -> assertThat(m.getParent()).isEqualTo("shelves/s1"));
        assertThat(messages.get(0).getBook().getTitle()).isEqualTo("A");
        assertThat(messages.get(1).getBook().getTagsList()).containsExactly("x");
    }

    @Test
    void jsonArray() {
        List<ImportBooksRequest> messages = imports(" [ {\"title\":\"A\"} ,\n {\"title\":\"[B]\"} ] ");
        assertThat(messages).extracting(m -> m.getBook().getTitle()).containsExactly("A", "[B]");
        assertThat(imports("[]")).isEmpty();
    }

    @Test
    void emptyBodyIsNoMessage() {
        assertThat(imports("")).isEmpty();
        assertThat(imports(" \n ")).isEmpty();
    }

    @Test
    void aPrettyPrintedObjectIsOneMessage() {
        assertThat(imports("{\n  \"title\": \"A\"\n}\n")).extracting(m -> m.getBook().getTitle()).containsExactly("A");
    }

    @Test
    void bidiWithBodyStarAndPathVariable() throws InvalidProtocolBufferException {
        List<DynamicMessage> messages = transcoder.streamingRequests(match("POST", "/v1/rooms/lobby:chat"),
                query("ignored=1"), utf8("{\"text\":\"hi\",\"room\":\"elsewhere\"}\n{\"text\":\"bye\"}"));
        assertThat(messages).hasSize(2);
        assertThat(ChatMessage.parseFrom(messages.get(0).toByteString()))
                .isEqualTo(ChatMessage.newBuilder().setRoom("lobby").setText("hi").build());
        assertThat(ChatMessage.parseFrom(messages.get(1).toByteString()).getRoom()).isEqualTo("lobby");
    }

    @Test
    void bindingWithoutBodyGivesOneMessageFromPathAndQuery() throws InvalidProtocolBufferException {
        List<DynamicMessage> messages = transcoder.streamingRequests(match("GET", "/v1/shelves/s1:watch"),
                query("maxEvents=3&interval=0.25s"), utf8("ignored"));
        WatchShelfRequest r = WatchShelfRequest.parseFrom(messages.get(0).toByteString());
        assertThat(r.getName()).isEqualTo("shelves/s1");
        assertThat(r.getMaxEvents()).isEqualTo(3);
        assertThat(r.getInterval().getNanos()).isEqualTo(250_000_000);
    }

    private void assertRefused(String body, String message) {
        assertThatThrownBy(() -> imports(body))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST))
                .hasMessage(message);
    }

    @Test
    void errorsSayWhichMessage() {
        assertRefused("{\"title\":\"A\"}\n\n{\"titel\":\"B\"}",
                "message 2 (line 3): field \"book.titel\": unknown field (polygate.test.v1.Book has no field named \"titel\")");
        assertRefused("[{\"title\":\"A\"}, 5]", "message 2: field \"book\": expected an object, got 5");
        assertRefused("{\"title\":\"A\"}\n{\"title\":", "malformed JSON: unexpected end of JSON: unclosed object at line 2 column 10");
        assertRefused("[{\"title\":\"A\"},]", "malformed JSON: unexpected ']' at line 1 column 16");
        assertRefused("[{\"title\":\"A\"} {}]", "malformed JSON: expected ',' or ']' in the array at line 1 column 16");
        assertRefused("[{}] x", "malformed JSON: unexpected content after the JSON array at line 1 column 6");
    }
}
