package dev.polygate.translators.model.transcoding;

import static dev.polygate.translators.model.transcoding.Fixtures.TYPES;
import static dev.polygate.translators.model.transcoding.Fixtures.match;
import static dev.polygate.translators.model.transcoding.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of bad JSON body gets a 400 whose message names the field and never a Java class. */
class BadJsonTest {

    private final RequestTranscoder transcoder = new RequestTranscoder(TranscodingOptions.defaults(), TYPES);

    private void assertRefused(String method, String path, String body, String message) {
        assertThatThrownBy(() -> transcoder.request(match(method, path), Map.of(), utf8(body)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
                    assertThat(e.getMessage()).doesNotContain("Exception", "com.google", "java.", "gson");
                })
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // syntax
        "{\"stringValue\": \"x\"            | malformed JSON: unexpected end of JSON: unclosed object at line 1 column 20",
        "{\"stringValue\": \"x              | malformed JSON: unterminated string at line 1 column 17",
        "{\"a\":1} x                        | malformed JSON: unexpected content after the JSON value at line 1 column 9",
        "{'stringValue':'x'}               | malformed JSON: unexpected ''' at line 1 column 2",
        "{\"stringValue\":\"x\"]            | malformed JSON: unexpected ']' at line 1 column 19",
        "{\"stringValue\" \"x\"}            | malformed JSON: Expected ':' at line 1 column 17 path $.stringValue",
        "{\"int32Value\":}                  | malformed JSON: Expected value at line 1 column 15 path $.int32Value",
        // shape
        "[]                                | the JSON body must be an object, got an array",
        "\"text\"                          | the JSON body must be an object, got \"text\"",
        "{\"nope\":1}                       | field \"nope\": unknown field (polygate.test.v1.Everything has no field named \"nope\")",
        "{\"nested\":{\"nmae\":\"x\"}}       | field \"nested.nmae\": unknown field (polygate.test.v1.Everything.Nested has no field named \"nmae\")",
        "{\"repeatedNested\":[{},{\"x\":1}]} | field \"repeatedNested[1].x\": unknown field (polygate.test.v1.Everything.Nested has no field named \"x\")",
        // types
        "{\"int32Value\":\"abc\"}           | field \"int32Value\": expected an integer (int32), got \"abc\"",
        "{\"int32Value\":true}              | field \"int32Value\": expected an integer (int32), got true",
        "{\"stringValue\":{}}               | field \"stringValue\": expected a string, got an object",
        // JsonFormat (through Gson) reads a one-element array as its element; two elements are refused
        "{\"stringValue\":[\"a\",\"b\"]}    | field \"stringValue\": expected a string, got an array",
        "{\"nested\":\"n\"}                 | field \"nested\": expected an object, got \"n\"",
        "{\"repeatedInt32\":1}              | field \"repeatedInt32\": expected an array, got 1",
        "{\"repeatedInt32\":[1,null]}       | field \"repeatedInt32[1]\": null is not allowed in a list",
        "{\"stringMap\":[]}                 | field \"stringMap\": expected an object (a map), got an array",
        "{\"nestedMap\":{\"x\":{}}}         | field \"nestedMap[\"x\"] (key)\": expected an integer (int32), got \"x\"",
        "{\"boolValue\":\"yes\"}            | field \"boolValue\": expected true or false, got \"yes\"",
        "{\"bytesValue\":\"!!\"}            | field \"bytesValue\": expected a base64 string, got \"!!\"",
        "{\"doubleValue\":\"fast\"}         | field \"doubleValue\": expected a number, got \"fast\"",
        // ranges
        "{\"int32Value\":2147483648}        | field \"int32Value\": 2147483648 is out of range for int32",
        "{\"int32Value\":1.5}               | field \"int32Value\": 1.5 is not an integer",
        "{\"uint32Value\":-1}               | field \"uint32Value\": -1 is out of range for uint32",
        "{\"int64Value\":\"9223372036854775808\"} | field \"int64Value\": 9223372036854775808 is out of range for int64",
        "{\"uint64Value\":\"-1\"}           | field \"uint64Value\": -1 is out of range for uint64",
        "{\"floatValue\":1e39}              | field \"floatValue\": 1e39 is out of range for float",
        // enums and well-known types
        "{\"level\":\"MEDIUM\"}             | field \"level\": \"MEDIUM\" is not a value of enum polygate.test.v1.Level",
        "{\"repeatedLevel\":[\"LOW\",\"x\"]} | field \"repeatedLevel[1]\": \"x\" is not a value of enum polygate.test.v1.Level",
        "{\"timestamp\":\"yesterday\"}      | field \"timestamp\": expected an RFC 3339 timestamp such as \"2024-01-31T12:00:00Z\", got \"yesterday\"",
        "{\"timestamp\":1700000000}         | field \"timestamp\": expected an RFC 3339 timestamp such as \"2024-01-31T12:00:00Z\", got 1700000000",
        "{\"duration\":\"5\"}               | field \"duration\": expected a duration such as \"1.5s\", got \"5\"",
        "{\"fieldMask\":[\"a\",\"b\"]}      | field \"fieldMask\": expected a string of comma-separated field paths, got an array",
        "{\"int32Wrapper\":\"x\"}           | field \"int32Wrapper\": expected an integer (int32), got \"x\"",
        "{\"struct\":\"x\"}                   | field \"struct\": expected an object, got \"x\"",
        "{\"listValue\":{}}                 | field \"listValue\": expected an array, got an object",
        // no finer explanation than JsonFormat's own
        "{\"int32Value\":1,\"int32_value\":2} | invalid JSON for polygate.test.v1.Everything: Field polygate.test.v1.Everything.int32_value has already been set.",
        "{\"nested\":{\"at\":\"noon\"}}     | field \"nested.at\": expected an RFC 3339 timestamp such as \"2024-01-31T12:00:00Z\", got \"noon\"",
    })
    void wholeBody(String body, String message) {
        assertRefused("POST", "/v1/everything:echo", body, message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "[]                        | field \"book\": expected an object, got an array",
        "{\"titel\":\"x\"}         | field \"book.titel\": unknown field (polygate.test.v1.Book has no field named \"titel\")",
        "{\"author\":{\"birthYear\":\"old\"}} | field \"book.author.birthYear\": expected an integer (int32), got \"old\"",
        "{\"labels\":{\"k\":{}}}   | field \"book.labels[\"k\"]\": expected a string, got an object",
    })
    void bodyField(String body, String message) {
        assertRefused("POST", "/v1/shelves/s1/books", body, message);
    }
}
