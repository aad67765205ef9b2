package dev.polygate.translators.model.transcoding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import dev.polygate.spi.GatewayException;
import dev.polygate.test.v1.Everything;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The direct JSON path against JsonFormat over many randomised messages of a schema with every field kind the
 * direct path handles (every scalar type, enums with unknown numbers, nested and recursive messages, repeated
 * fields, maps with each key kind, oneofs, proto3 optional, a json_name): printed JSON must be byte for byte what
 * JsonFormat prints; documents (JsonFormat's own output, with defaults, proto names, and rewritten with quoted
 * numbers, exponents, nulls, duplicate and unknown keys, wrong types) must give the message JsonFormat gives, or
 * be refused exactly when JsonFormat refuses them. The codec must also fall back for the types it leaves alone.
 */
class DirectJsonDifferentialTest {
    private static final int MESSAGES = 600;
    private static final JsonFactory JSON = new JsonFactory();

    private static final Descriptor SAMPLE = schema().findMessageTypeByName("Sample");

    @Test
    void printsWhatJsonFormatPrints() throws Exception {
        Random random = new Random(20261207);
        for (boolean protoNames : new boolean[] {false, true}) {
            JsonFormat.Printer reference = JsonFormat.printer().omittingInsignificantWhitespace();
            if (protoNames) {
                reference = reference.preservingProtoFieldNames();
            }
            JsonCodec codec = JsonCodec.protoJson(new TranscodingOptions(protoNames, false, false),
                    TypeRegistry.getEmptyTypeRegistry());
            DirectJsonWriter direct = new DirectJsonWriter(new DirectJsonShapes(protoNames));
            for (int i = 0; i < MESSAGES; i++) {
                DynamicMessage message = randomMessage(SAMPLE, random, 0);
                String expected = reference.print(message);
                assertThat(direct.print(message)).as("message %s", message).isEqualTo(expected);
                assertThat(codec.print(message)).isEqualTo(expected);
                assertThat(codec.printUtf8(message)).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void readsWhatJsonFormatReads() throws Exception {
        Random random = new Random(7);
        int handled = 0;
        int documents = 0;
        for (boolean ignoreUnknown : new boolean[] {false, true}) {
            JsonFormat.Parser reference = ignoreUnknown ? JsonFormat.parser().ignoringUnknownFields()
                    : JsonFormat.parser();
            DirectJsonReader direct = new DirectJsonReader(new DirectJsonShapes(false), ignoreUnknown);
            JsonCodec codec = JsonCodec.protoJson(new TranscodingOptions(false, false, ignoreUnknown),
                    TypeRegistry.getEmptyTypeRegistry());
            for (int i = 0; i < MESSAGES; i++) {
                DynamicMessage message = randomMessage(SAMPLE, random, 0);
                for (String json : documentsOf(message, random)) {
                    documents++;
                    DynamicMessage expected = referenceParse(reference, json);
                    DynamicMessage.Builder builder = DynamicMessage.newBuilder(SAMPLE);
                    try {
                        direct.merge(json, builder);
                        handled++;
                        assertThat(expected).as("JsonFormat refuses what the direct reader took: %s", json)
                                .isNotNull();
                        assertThat(builder.build()).as(json).isEqualTo(expected);
                    } catch (DirectJsonReader.Unhandled leftToJsonFormat) {
                        // no claim: JsonFormat decides
                    }
                    DynamicMessage.Builder viaCodec = DynamicMessage.newBuilder(SAMPLE);
                    try {
                        codec.merge(json, viaCodec);
                        assertThat(expected).as(json).isNotNull();
                        assertThat(viaCodec.build()).as(json).isEqualTo(expected);
                    } catch (GatewayException refused) {
                        assertThat(expected).as("the codec refused %s: %s", json, refused.detail()).isNull();
                    }
                }
            }
        }
        // the comparison means something only if most documents took the direct path
        assertThat(handled).isGreaterThan(documents / 3);
    }

    @Test
    void leavesWellKnownTypesToJsonFormat() throws Exception {
        DirectJsonShapes shapes = new DirectJsonShapes(false);
        assertThat(shapes.of(Everything.getDescriptor())).isNull();
        assertThat(shapes.of(SAMPLE)).isNotNull();
        JsonCodec codec = JsonCodec.protoJson(TranscodingOptions.defaults(), Fixtures.TYPES);
        Everything everything = Everything.newBuilder().setStringValue("<a>")
                .setTimestamp(com.google.protobuf.Timestamp.newBuilder().setSeconds(1)).build();
        assertThat(codec.print(everything)).isEqualTo(JsonFormat.printer().usingTypeRegistry(Fixtures.TYPES)
                .omittingInsignificantWhitespace().print(everything));
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(Everything.getDescriptor());
        codec.merge("{\"timestamp\":\"1970-01-01T00:00:01Z\",\"stringValue\":\"<a>\"}", builder);
        assertThat(builder.build().toByteString()).isEqualTo(everything.toByteString());
    }

    private static DynamicMessage referenceParse(JsonFormat.Parser parser, String json) {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(SAMPLE);
        try {
            parser.merge(json, builder);
            return builder.build();
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return null;
        }
    }

    /** JsonFormat's renderings of the message, and rewritings of them. */
    private static List<String> documentsOf(DynamicMessage message, Random random) throws IOException {
        List<String> documents = new ArrayList<>();
        String plain = JsonFormat.printer().print(message);
        documents.add(plain);
        documents.add(JsonFormat.printer().preservingProtoFieldNames().includingDefaultValueFields().print(message));
        documents.add(JsonFormat.printer().printingEnumsAsInts().omittingInsignificantWhitespace().print(message));
        for (int i = 0; i < 4; i++) {
            documents.add(rewrite(plain, random, i == 0 ? 0.0 : 0.08));
        }
        return documents;
    }

    /** The document token by token, each changed with the given probability into something near it. */
    private static String rewrite(String json, Random random, double chance) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonParser parser = JSON.createParser(json); JsonGenerator gen = JSON.createGenerator(out)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                boolean change = random.nextDouble() < chance;
                switch (token) {
                    case START_OBJECT -> gen.writeStartObject();
                    case END_OBJECT -> {
                        if (change) {
                            gen.writeFieldName(random.nextBoolean() ? "unknownField" : "name");
                            gen.writeString("x");
                        }
                        gen.writeEndObject();
                    }
                    case START_ARRAY -> gen.writeStartArray();
                    case END_ARRAY -> {
                        if (change) {
                            gen.writeNull();
                        }
                        gen.writeEndArray();
                    }
                    case FIELD_NAME -> gen.writeFieldName(change ? snake(parser.currentName()) : parser.currentName());
                    case VALUE_STRING -> {
                        String text = parser.getText();
                        if (!change) {
                            gen.writeString(text);
                        } else {
                            switch (random.nextInt(5)) {
                                case 0 -> gen.writeNumber(text.length());
                                case 1 -> gen.writeRawValue(text.matches("-?[0-9]+") ? text : "\"" + text + "1\"");
                                case 2 -> gen.writeString(" " + text);
                                case 3 -> gen.writeNull();
                                default -> gen.writeBoolean(true);
                            }
                        }
                    }
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        String text = parser.getText();
                        if (!change) {
                            gen.writeRawValue(text);
                        } else {
                            switch (random.nextInt(6)) {
                                case 0 -> gen.writeString(text);
                                case 1 -> gen.writeRawValue(text + ".0");
                                case 2 -> gen.writeRawValue(text + "e0");
                                case 3 -> gen.writeRawValue("1" + text.replace("-", "") + "000000000000");
                                case 4 -> gen.writeString("NaN");
                                default -> gen.writeNull();
                            }
                        }
                    }
                    case VALUE_TRUE, VALUE_FALSE -> {
                        if (change) {
                            gen.writeString(parser.getText());
                        } else {
                            gen.writeBoolean(token == JsonToken.VALUE_TRUE);
                        }
                    }
                    case VALUE_NULL -> gen.writeNull();
                    default -> throw new IllegalStateException(token.toString());
                }
            }
        }
        return out.toString();
    }

    private static String snake(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toLowerCase();
    }

    private static DynamicMessage randomMessage(Descriptor type, Random random, int depth) {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        for (FieldDescriptor field : type.getFields()) {
            if (random.nextInt(3) != 0 || (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && depth > 1)) {
                continue;
            }
            if (field.getRealContainingOneof() != null
                    && builder.getOneofFieldDescriptor(field.getRealContainingOneof()) != null) {
                continue;
            }
            if (field.isMapField()) {
                java.util.Set<Object> keys = new java.util.HashSet<>();
                int count = random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    Message entry = randomEntry(field, random, depth);
                    // mostly distinct keys, as JSON objects have; now and then a repeated one
                    if (keys.add(entry.getField(entry.getDescriptorForType().findFieldByNumber(1)))
                            || random.nextInt(10) == 0) {
                        builder.addRepeatedField(field, entry);
                    }
                }
            } else if (field.isRepeated()) {
                int count = random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    builder.addRepeatedField(field, randomValue(field, random, depth));
                }
            } else {
                builder.setField(field, randomValue(field, random, depth));
            }
        }
        return builder.build();
    }

    private static Object randomValue(FieldDescriptor field, Random random, int depth) {
        return switch (field.getType()) {
            case INT32, SINT32, SFIXED32, UINT32, FIXED32 -> pick(random, 0, 1, -1, Integer.MAX_VALUE,
                    Integer.MIN_VALUE, random.nextInt(), random.nextInt(1000));
            case INT64, SINT64, SFIXED64, UINT64, FIXED64 -> pick(random, 0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE,
                    random.nextLong(), (long) random.nextInt(1000));
            case BOOL -> random.nextBoolean();
            case FLOAT -> pick(random, 0f, -0f, 1.5f, Float.NaN, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                    Float.MAX_VALUE, Float.MIN_VALUE, random.nextFloat() * 1e10f, (float) random.nextGaussian());
            case DOUBLE -> pick(random, 0d, -0d, 0.1, Double.NaN, -Double.MAX_VALUE, 1e-320, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                    Double.MAX_VALUE, Double.MIN_VALUE, random.nextDouble() * 1e300, random.nextGaussian());
            case STRING -> randomString(random);
            case BYTES -> {
                byte[] bytes = new byte[random.nextInt(7)];
                random.nextBytes(bytes);
                yield ByteString.copyFrom(bytes);
            }
            case ENUM -> random.nextInt(5) == 0
                    ? field.getEnumType().findValueByNumberCreatingIfUnknown(7 + random.nextInt(3))
                    : field.getEnumType().getValues().get(random.nextInt(field.getEnumType().getValues().size()));
            case MESSAGE -> field.isMapField() ? randomEntry(field, random, depth)
                    : randomMessage(field.getMessageType(), random, depth + 1);
            default -> throw new IllegalStateException(field.getType().toString());
        };
    }

    private static Message randomEntry(FieldDescriptor field, Random random, int depth) {
        Descriptor entry = field.getMessageType();
        return DynamicMessage.newBuilder(entry)
                .setField(entry.findFieldByNumber(1), randomValue(entry.findFieldByNumber(1), random, depth))
                .setField(entry.findFieldByNumber(2), randomValue(entry.findFieldByNumber(2), random, depth))
                .build();
    }

    private static String randomString(Random random) {
        String[] pieces = {"", "a", "bench", "<b>&'=\"", "\\", "\n\t\r\b\f", "\u0001\u001f\u007f", "\u2028\u2029",
            "é", "日本", "\uD83D\uDE00", "12", "-3", "NaN", "true"};
        StringBuilder text = new StringBuilder();
        int count = random.nextInt(3);
        for (int i = 0; i < count; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    /** A proto3 file with every field kind the direct path handles. */
    private static FileDescriptor schema() {
        DescriptorProto.Builder sample = DescriptorProto.newBuilder().setName("Sample");
        Type[] scalars = {Type.TYPE_DOUBLE, Type.TYPE_FLOAT, Type.TYPE_INT32, Type.TYPE_INT64, Type.TYPE_UINT32,
            Type.TYPE_UINT64, Type.TYPE_SINT32, Type.TYPE_SINT64, Type.TYPE_FIXED32, Type.TYPE_FIXED64,
            Type.TYPE_SFIXED32, Type.TYPE_SFIXED64, Type.TYPE_BOOL, Type.TYPE_STRING, Type.TYPE_BYTES};
        int number = 1;
        for (Type type : scalars) {
            String name = type.name().substring(5).toLowerCase();
            sample.addField(field(name + "_value", number++, type, Label.LABEL_OPTIONAL));
            sample.addField(field("many_" + name, number++, type, Label.LABEL_REPEATED));
        }
        sample.addField(field("level", number++, Type.TYPE_ENUM, Label.LABEL_OPTIONAL).setTypeName(".t.Level"));
        sample.addField(field("levels", number++, Type.TYPE_ENUM, Label.LABEL_REPEATED).setTypeName(".t.Level"));
        sample.addField(field("child", number++, Type.TYPE_MESSAGE, Label.LABEL_OPTIONAL).setTypeName(".t.Sample"));
        sample.addField(field("children", number++, Type.TYPE_MESSAGE, Label.LABEL_REPEATED)
                .setTypeName(".t.Sample"));
        sample.addField(field("renamed", number++, Type.TYPE_STRING, Label.LABEL_OPTIONAL).setJsonName("customName"));
        String[][] maps = {{"StringMap", "TYPE_STRING", "TYPE_INT32", null}, {"IntMap", "TYPE_INT64", "TYPE_MESSAGE",
            ".t.Sample"}, {"BoolMap", "TYPE_BOOL", "TYPE_STRING", null}, {"UintMap", "TYPE_UINT32", "TYPE_ENUM",
            ".t.Level"}, {"Sint64Map", "TYPE_SINT64", "TYPE_BYTES", null}, {"Fixed32Map", "TYPE_FIXED32",
            "TYPE_DOUBLE", null}};
        for (String[] map : maps) {
            String fieldName = map[0].replaceAll("([A-Z])", "_$1").toLowerCase().substring(1);
            DescriptorProto.Builder entry = DescriptorProto.newBuilder().setName(map[0] + "Entry")
                    .setOptions(MessageOptions.newBuilder().setMapEntry(true))
                    .addField(field("key", 1, Type.valueOf(map[1]), Label.LABEL_OPTIONAL));
            FieldDescriptorProto.Builder value = field("value", 2, Type.valueOf(map[2]), Label.LABEL_OPTIONAL);
            if (map[3] != null) {
                value.setTypeName(map[3]);
            }
            sample.addNestedType(entry.addField(value));
            sample.addField(field(fieldName, number++, Type.TYPE_MESSAGE, Label.LABEL_REPEATED)
                    .setTypeName(".t.Sample." + map[0] + "Entry"));
        }
        sample.addOneofDecl(OneofDescriptorProto.newBuilder().setName("choice"));
        sample.addField(field("choice_text", number++, Type.TYPE_STRING, Label.LABEL_OPTIONAL).setOneofIndex(0));
        sample.addField(field("choice_number", number++, Type.TYPE_INT64, Label.LABEL_OPTIONAL).setOneofIndex(0));
        sample.addField(field("choice_child", number++, Type.TYPE_MESSAGE, Label.LABEL_OPTIONAL).setOneofIndex(0)
                .setTypeName(".t.Sample"));
        sample.addOneofDecl(OneofDescriptorProto.newBuilder().setName("_maybe"));
        sample.addField(field("maybe", number, Type.TYPE_INT32, Label.LABEL_OPTIONAL).setOneofIndex(1)
                .setProto3Optional(true));
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("t/sample.proto").setPackage("t")
                .setSyntax("proto3")
                .addEnumType(EnumDescriptorProto.newBuilder().setName("Level")
                        .addValue(EnumValueDescriptorProto.newBuilder().setName("LEVEL_UNSPECIFIED").setNumber(0))
                        .addValue(EnumValueDescriptorProto.newBuilder().setName("LOW").setNumber(1))
                        .addValue(EnumValueDescriptorProto.newBuilder().setName("HIGH").setNumber(2)))
                .addMessageType(sample)
                .build();
        try {
            return FileDescriptor.buildFrom(file, new FileDescriptor[0]);
        } catch (com.google.protobuf.Descriptors.DescriptorValidationException e) {
            throw new AssertionError(e);
        }
    }

    private static FieldDescriptorProto.Builder field(String name, int number, Type type, Label label) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type).setLabel(label);
    }
}
