package dev.polygate.translators.model.transcoding;

import static dev.polygate.translators.model.transcoding.Fixtures.TYPES;
import static dev.polygate.translators.model.transcoding.Fixtures.match;
import static dev.polygate.translators.model.transcoding.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.BoolValue;
import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import com.google.protobuf.DoubleValue;
import com.google.protobuf.Empty;
import com.google.protobuf.FieldMask;
import com.google.protobuf.FloatValue;
import com.google.protobuf.Int32Value;
import com.google.protobuf.Int64Value;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.StringValue;
import com.google.protobuf.Struct;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.UInt64Value;
import com.google.protobuf.Value;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import dev.polygate.test.v1.Everything;
import dev.polygate.test.v1.Level;
import dev.polygate.test.v1.Shelf;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proto3 JSON mapping in both directions, through POST /v1/everything:echo (body "*"). */
class JsonMappingTest {

    private final RequestTranscoder requests = new RequestTranscoder(TranscodingOptions.defaults(), TYPES);
    private final ResponseTranscoder responses = new ResponseTranscoder(TranscodingOptions.defaults(), TYPES);

    private Everything read(String json) {
        try {
            return Everything.parseFrom(requests.request(match("POST", "/v1/everything:echo"), Map.of(), utf8(json))
                    .toByteString());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private String write(Everything message) {
        return new String(responses.response(match("POST", "/v1/everything:echo"), message.toByteArray()),
                StandardCharsets.UTF_8);
    }

    static Everything full() throws ParseException {
        Everything.Nested nested = Everything.Nested.newBuilder().setName("n").setLevel(2).addTags("t")
                .setAt(Timestamps.parse("2024-01-31T12:00:00Z")).build();
        return Everything.newBuilder()
                .setDoubleValue(1.5).setFloatValue(0.25f).setInt32Value(-7).setInt64Value(9007199254740993L)
                .setUint32Value(-1).setUint64Value(-1L).setSint32Value(-3).setSint64Value(-4).setFixed32Value(5)
                .setFixed64Value(6).setSfixed32Value(-8).setSfixed64Value(-9).setBoolValue(true)
                .setStringValue("s\"é\n").setBytesValue(ByteString.copyFromUtf8("hi?>")).setLevel(Level.HIGH)
                .setNested(nested)
                .addRepeatedInt32(1).addRepeatedInt32(2).addRepeatedString("a").addRepeatedLevel(Level.LOW)
                .addRepeatedNested(nested).addRepeatedInt64(Long.MAX_VALUE)
                .putStringMap("k", "v").putNestedMap(3, nested)
                .setChoiceText("c")
                .setTimestamp(Timestamps.parse("2024-01-31T12:00:00.123456Z"))
                .setDuration(Durations.parse("1.5s"))
                .setFieldMask(FieldMask.newBuilder().addPaths("nested.name").addPaths("string_map"))
                .setStruct(Struct.newBuilder().putFields("x", Value.newBuilder().setNumberValue(1).build())
                        .putFields("y", Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build()))
                .setValue(Value.newBuilder().setStringValue("v"))
                .setListValue(ListValue.newBuilder().addValues(Value.newBuilder().setBoolValue(true)))
                .setAny(Any.pack(Shelf.newBuilder().setName("shelves/s1").setBookCount(3).build()))
                .setEmpty(Empty.getDefaultInstance())
                .setInt32Wrapper(Int32Value.of(-1)).setInt64Wrapper(Int64Value.of(-2))
                .setUint32Wrapper(UInt32Value.of(3)).setUint64Wrapper(UInt64Value.of(4))
                .setFloatWrapper(FloatValue.of(0.5f)).setDoubleWrapper(DoubleValue.of(-0.5))
                .setBoolWrapper(BoolValue.of(false)).setStringWrapper(StringValue.of(""))
                .setBytesWrapper(BytesValue.of(ByteString.copyFromUtf8("b")))
                .setOptionalInt32(0)
                .setRenamed("r")
                .build();
    }

    @Test
    void printsTheCanonicalMapping() throws ParseException {
        String json = write(full());
        assertThat(json).startsWith("{\"doubleValue\":1.5,\"floatValue\":0.25,\"int32Value\":-7,"
                + "\"int64Value\":\"9007199254740993\",\"uint32Value\":4294967295,\"uint64Value\":\"18446744073709551615\",");
        assertThat(json).contains(
                "\"stringValue\":\"s\\\"é\\n\"", "\"bytesValue\":\"aGk/Pg==\"", "\"level\":\"HIGH\"",
                "\"repeatedLevel\":[\"LOW\"]", "\"repeatedInt64\":[\"9223372036854775807\"]",
                "\"stringMap\":{\"k\":\"v\"}", "\"nestedMap\":{\"3\":{",
                "\"choiceText\":\"c\"",
                "\"timestamp\":\"2024-01-31T12:00:00.123456Z\"", "\"duration\":\"1.500s\"",
                "\"fieldMask\":\"nested.name,stringMap\"",
                "\"struct\":{\"x\":1.0,\"y\":null}", "\"value\":\"v\"", "\"listValue\":[true]",
                "\"any\":{\"@type\":\"type.googleapis.com/polygate.test.v1.Shelf\",\"name\":\"shelves/s1\",\"bookCount\":\"3\"}",
                "\"empty\":{}",
                "\"int32Wrapper\":-1", "\"int64Wrapper\":\"-2\"", "\"uint32Wrapper\":3", "\"uint64Wrapper\":\"4\"",
                "\"floatWrapper\":0.5", "\"doubleWrapper\":-0.5", "\"boolWrapper\":false", "\"stringWrapper\":\"\"",
                "\"bytesWrapper\":\"Yg==\"", "\"optionalInt32\":0", "\"customName\":\"r\"");
    }

    @Test
    void roundTripsEveryFieldKind() throws ParseException {
        Everything original = full();
        assertThat(read(write(original))).isEqualTo(original);
    }

    @Test
    void readsTheAlternativeSpellings() {
        Everything e = read("{\"int32_value\":\"12\",\"int64Value\":9007199254740992,\"level\":2,"
                + "\"repeatedLevel\":[1,\"HIGH\"],\"bytesValue\":\"-_8-\",\"floatValue\":\"NaN\",\"doubleValue\":\"-Infinity\","
                + "\"boolValue\":true,\"renamed\":\"a\",\"int32Wrapper\":\"5\",\"uint64Value\":\"18446744073709551615\","
                + "\"sint32Value\":1e2,\"fieldMask\":\"a.bC,d\",\"value\":null}");
        assertThat(e.getInt32Value()).isEqualTo(12);
        assertThat(e.getInt64Value()).isEqualTo(9007199254740992L);
        assertThat(e.getLevel()).isEqualTo(Level.HIGH);
        assertThat(e.getRepeatedLevelList()).containsExactly(Level.LOW, Level.HIGH);
        assertThat(e.getBytesValue().toByteArray()).containsExactly(0xfb, 0xff, 0x3e);
        assertThat(e.getFloatValue()).isNaN();
        assertThat(e.getDoubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(e.getRenamed()).isEqualTo("a");
        assertThat(e.getInt32Wrapper().getValue()).isEqualTo(5);
        assertThat(e.getUint64Value()).isEqualTo(-1L);
        assertThat(e.getSint32Value()).isEqualTo(100);
        assertThat(e.getFieldMask().getPathsList()).containsExactly("a.b_c", "d");
        assertThat(e.getValue().hasNullValue()).isTrue();
    }

    @Test
    void emitDefaultsAndProtoNames() {
        ResponseTranscoder both = new ResponseTranscoder(new TranscodingOptions(true, true, false), TYPES);
        String json = new String(both.response(match("POST", "/v1/everything:echo"), Everything.getDefaultInstance()),
                StandardCharsets.UTF_8);
        assertThat(json).contains("\"double_value\":0.0", "\"int64_value\":\"0\"", "\"string_value\":\"\"",
                "\"level\":\"LEVEL_UNSPECIFIED\"", "\"repeated_int32\":[]", "\"string_map\":{}", "\"renamed\":\"\"");
        // fields with presence (messages, oneof members, optional) stay absent
        assertThat(json).doesNotContain("\"nested\"", "\"timestamp\"", "\"choice_text\"", "\"optional_int32\"");
    }

    @Test
    void unknownFieldsCanBeIgnored() {
        RequestTranscoder lenient = new RequestTranscoder(new TranscodingOptions(false, false, true), TYPES);
        var m = lenient.request(match("POST", "/v1/everything:echo"), Map.of(),
                utf8("{\"nope\":{\"deep\":[1]},\"int32Value\":4,\"nested\":{\"unknown\":1}}"));
        assertThat(m.getField(m.getDescriptorForType().findFieldByName("int32_value"))).isEqualTo(4);
    }
}
