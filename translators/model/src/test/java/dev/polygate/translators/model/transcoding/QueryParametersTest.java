package dev.polygate.translators.model.transcoding;

import static dev.polygate.translators.model.transcoding.Fixtures.TYPES;
import static dev.polygate.translators.model.transcoding.Fixtures.match;
import static dev.polygate.translators.model.transcoding.Fixtures.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.test.v1.Everything;
import dev.polygate.test.v1.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of field set from the query string, and every way a query parameter can be wrong. */
class QueryParametersTest {

    private final RequestTranscoder transcoder = new RequestTranscoder(TranscodingOptions.defaults(), TYPES);

    private Everything echo(String queryString) {
        try {
            return Everything.parseFrom(transcoder.request(match("GET", "/v1/everything"), query(queryString), null)
                    .toByteString());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void scalars() {
        Everything e = echo("doubleValue=1.5&floatValue=-2.25&int32Value=-7&int64Value=9007199254740993"
                + "&uint32Value=4294967295&uint64Value=18446744073709551615&sint32Value=-3&sint64Value=-9223372036854775808"
                + "&fixed32Value=7&fixed64Value=8&sfixed32Value=-9&sfixed64Value=-10&boolValue=true&stringValue=h%C3%A9+llo");
        assertThat(e.getDoubleValue()).isEqualTo(1.5);
        assertThat(e.getFloatValue()).isEqualTo(-2.25f);
        assertThat(e.getInt32Value()).isEqualTo(-7);
        assertThat(e.getInt64Value()).isEqualTo(9007199254740993L);
        assertThat(e.getUint32Value()).isEqualTo(-1);
        assertThat(e.getUint64Value()).isEqualTo(-1L);
        assertThat(e.getSint32Value()).isEqualTo(-3);
        assertThat(e.getSint64Value()).isEqualTo(Long.MIN_VALUE);
        assertThat(e.getFixed32Value()).isEqualTo(7);
        assertThat(e.getFixed64Value()).isEqualTo(8);
        assertThat(e.getSfixed32Value()).isEqualTo(-9);
        assertThat(e.getSfixed64Value()).isEqualTo(-10);
        assertThat(e.getBoolValue()).isTrue();
        assertThat(e.getStringValue()).isEqualTo("hé llo");
    }

    @Test
    void protoAndJsonNamesAndJsonNameOption() {
        assertThat(echo("int32_value=5").getInt32Value()).isEqualTo(5);
        assertThat(echo("customName=a").getRenamed()).isEqualTo("a");
        assertThat(echo("renamed=b").getRenamed()).isEqualTo("b");
        assertThat(echo("nested.child.level=3&nested.name=n").getNested())
                .isEqualTo(Everything.Nested.newBuilder().setName("n")
                        .setChild(Everything.Nested.newBuilder().setLevel(3)).build());
    }

    @Test
    void boolSpellings() {
        assertThat(echo("boolValue=TRUE").getBoolValue()).isTrue();
        assertThat(echo("boolValue=1").getBoolValue()).isTrue();
        assertThat(echo("boolValue=false").getBoolValue()).isFalse();
    }

    @Test
    void enumsByNameOrNumber() {
        assertThat(echo("level=HIGH").getLevel()).isEqualTo(Level.HIGH);
        assertThat(echo("level=1").getLevel()).isEqualTo(Level.LOW);
        assertThat(echo("repeatedLevel=LOW&repeatedLevel=2").getRepeatedLevelList()).containsExactly(Level.LOW, Level.HIGH);
        // proto3 enums are open: an unknown number is kept, as in the binary format
        assertThat(echo("level=7").getLevelValue()).isEqualTo(7);
    }

    @Test
    void repeatedByRepetition() {
        Everything e = echo("repeatedInt32=1&repeatedInt32=-2&repeated_string=a&repeatedString=b&repeatedInt64=-9007199254740993");
        assertThat(e.getRepeatedInt32List()).containsExactly(1, -2);
        assertThat(e.getRepeatedStringList()).containsExactly("a", "b");
        assertThat(e.getRepeatedInt64List()).containsExactly(-9007199254740993L);
    }

    @Test
    void bytesStandardAndUrlSafeBase64() {
        ByteString expected = ByteString.copyFrom(new byte[] {(byte) 0xfb, (byte) 0xff, 0x3e});
        assertThat(echo("bytesValue=%2B%2F8%2B").getBytesValue()).isEqualTo(expected);
        // a form decoder turned '+' into ' '
        assertThat(echo("bytesValue=+/8+").getBytesValue()).isEqualTo(expected);
        assertThat(echo("bytesValue=-_8-").getBytesValue()).isEqualTo(expected);
        assertThat(echo("bytesValue=aGk").getBytesValue()).isEqualTo(ByteString.copyFromUtf8("hi"));
    }

    @Test
    void wellKnownTypes() {
        Everything e = echo("timestamp=2024-01-31T12:00:00.5%2B01:00&duration=-1.5s&fieldMask=nested.name,stringMap,"
                + "repeated_int32&int32Wrapper=-1&int64Wrapper=9007199254740993&uint32Wrapper=4294967295"
                + "&uint64Wrapper=18446744073709551615&floatWrapper=0.5&doubleWrapper=NaN&boolWrapper=false"
                + "&stringWrapper=&bytesWrapper=aGk=");
        assertThat(Timestamps.toString(e.getTimestamp())).isEqualTo("2024-01-31T11:00:00.500Z");
        assertThat(Durations.toString(e.getDuration())).isEqualTo("-1.500s");
        assertThat(e.getFieldMask().getPathsList()).containsExactly("nested.name", "string_map", "repeated_int32");
        assertThat(e.getInt32Wrapper().getValue()).isEqualTo(-1);
        assertThat(e.getInt64Wrapper().getValue()).isEqualTo(9007199254740993L);
        assertThat(e.getUint32Wrapper().getValue()).isEqualTo(-1);
        assertThat(e.getUint64Wrapper().getValue()).isEqualTo(-1L);
        assertThat(e.getFloatWrapper().getValue()).isEqualTo(0.5f);
        assertThat(e.getDoubleWrapper().getValue()).isNaN();
        assertThat(e.hasBoolWrapper()).isTrue();
        assertThat(e.getBoolWrapper().getValue()).isFalse();
        assertThat(e.hasStringWrapper()).isTrue();
        assertThat(e.getBytesWrapper().getValue()).isEqualTo(ByteString.copyFromUtf8("hi"));
    }

    @Test
    void optionalAndOneof() {
        Everything e = echo("optionalInt32=0&choiceNumber=12");
        assertThat(e.hasOptionalInt32()).isTrue();
        assertThat(e.getChoiceNumber()).isEqualTo(12);
        assertThat(echo("choiceNested.name=x").getChoiceNested().getName()).isEqualTo("x");
    }

    @Test
    void emptyValueOfAStringField() {
        assertThat(echo("stringValue=").getStringValue()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nope=1                          | query parameter \"nope\": unknown field (polygate.test.v1.Everything has no field named \"nope\")",
        "nested.nmae=1                   | query parameter \"nested.nmae\": unknown field (polygate.test.v1.Everything.Nested has no field named \"nmae\")",
        "int32Value.x=1                  | query parameter \"int32Value.x\": \"int32_value\" is not a message, it has no field \"x\"",
        "nested=x                        | query parameter \"nested\": names a message field; set its fields instead, e.g. \"nested.name\"",
        "struct=x                        | query parameter \"struct\": names a google.protobuf.Struct field, which cannot be set from the query",
        "stringMap=x                     | query parameter \"stringMap\": names a map field, which cannot be set from the query",
        "repeatedNested=x                | query parameter \"repeatedNested\": names a repeated message field, which cannot be set from the query",
        "int32Value=2147483648           | query parameter \"int32Value\": 2147483648 is out of range for int32",
        "int32Value=abc                  | query parameter \"int32Value\": \"abc\" is not a valid int32",
        "int32Value=                     | query parameter \"int32Value\": \"\" is not a valid int32",
        "int32Value=1.0                  | query parameter \"int32Value\": \"1.0\" is not a valid int32",
        "uint32Value=-1                  | query parameter \"uint32Value\": -1 is out of range for uint32",
        "uint64Value=-1                  | query parameter \"uint64Value\": \"-1\" is not a valid uint64",
        "uint64Value=18446744073709551616 | query parameter \"uint64Value\": 18446744073709551616 is out of range for uint64",
        "int64Value=9223372036854775808  | query parameter \"int64Value\": 9223372036854775808 is out of range for int64",
        "floatValue=1e39                 | query parameter \"floatValue\": 1e39 is out of range for float",
        "doubleValue=0x10                | query parameter \"doubleValue\": \"0x10\" is not a valid double",
        "boolValue=yes                   | query parameter \"boolValue\": \"yes\" is not a valid bool (true or false)",
        "level=MEDIUM                    | query parameter \"level\": \"MEDIUM\" is not a value of enum polygate.test.v1.Level",
        "level=high                      | query parameter \"level\": \"high\" is not a value of enum polygate.test.v1.Level",
        "bytesValue=%21%21               | query parameter \"bytesValue\": is not valid base64",
        "timestamp=yesterday             | query parameter \"timestamp\": \"yesterday\" is not an RFC 3339 timestamp such as \"2024-01-31T12:00:00Z\"",
        "duration=5                      | query parameter \"duration\": \"5\" is not a duration such as \"1.5s\"",
        "int32Wrapper=x                  | query parameter \"int32Wrapper\": \"x\" is not a valid int32",
        "int32Value=1&int32Value=2       | query parameter \"int32Value\": given 2 times, but field \"int32_value\" is not repeated",
        "choiceText=a&choiceNumber=1     | query parameter \"choiceNumber\": field \"choice_text\" of oneof \"choice\" is already set",
    })
    void badParameters(String queryString, String message) {
        assertThatThrownBy(() -> echo(queryString))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST))
                .hasMessage(message);
    }

    @Test
    void unknownParametersAreIgnoredWhenUnknownFieldsAre() throws InvalidProtocolBufferException {
        RequestTranscoder lenient = new RequestTranscoder(new TranscodingOptions(false, false, true), TYPES);
        Everything e = Everything.parseFrom(lenient.request(match("GET", "/v1/everything"),
                query("api_key=secret&nested.nope=1&int32Value=3"), null).toByteString());
        assertThat(e).isEqualTo(Everything.newBuilder().setInt32Value(3).build());
        assertThatThrownBy(() -> lenient.request(match("GET", "/v1/everything"), query("int32Value=x"), null))
                .hasMessage("query parameter \"int32Value\": \"x\" is not a valid int32");
    }
}
