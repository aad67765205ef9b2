package dev.polygate.edge.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.edge.grpc.RestGateway.Answer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proto3 JSON mapping both ways through a real backend, and the per-route options: proto field names,
 * default values, unknown fields. Each option has its own route (prefix) on one gateway.
 */
final class JsonMappingTest {
    @TempDir
    static Path dir;
    static GrpcBackend backend;
    static RestGateway gateway;

    /** Every kind of field, as a client would write it. */
    static final String EVERYTHING = """
            {"doubleValue":"NaN","floatValue":"-Infinity","int32Value":-1,"int64Value":"-9223372036854775808",
             "uint32Value":4294967295,"uint64Value":"18446744073709551615","sint32Value":-2,"sint64Value":"-3",
             "fixed32Value":4,"fixed64Value":"5","sfixed32Value":-6,"sfixed64Value":"-7","boolValue":true,
             "stringValue":"ünïcödé \\"quoted\\"\\n","bytesValue":"AAEC/w==","level":"HIGH",
             "nested":{"name":"n","level":1,"child":{"name":"c"},"tags":["t"],"at":"2024-02-29T23:59:59.999999999Z"},
             "repeatedInt32":[1,-1],"repeatedString":["a",""],"repeatedLevel":["LOW","HIGH"],
             "repeatedNested":[{"name":"r1"},{}],"repeatedInt64":["1","-2"],
             "stringMap":{"k":"v","":"empty key"},"nestedMap":{"7":{"name":"seven"},"-1":{}},
             "choiceNested":{"name":"chosen"},"timestamp":"1970-01-01T00:00:00Z","duration":"-1.000000001s",
             "fieldMask":"nested.name,repeatedNested","struct":{"a":[1.5,"two",null,{"b":false}]},
             "value":3.5,"listValue":[true,"x"],"any":{"@type":"type.googleapis.com/google.protobuf.Duration",
             "value":"2s"},"empty":{},"int32Wrapper":1,"int64Wrapper":"2","uint32Wrapper":3,"uint64Wrapper":"4",
             "floatWrapper":5.5,"doubleWrapper":6.25,"boolWrapper":true,"stringWrapper":"s","bytesWrapper":"Ag==",
             "optionalInt32":0,"customName":"renamed"}""";

    @BeforeAll
    static void start() throws Exception {
        backend = GrpcBackend.start();
        String backendYaml = "upstream: backend, schema: { descriptorSets: [ \"" + RestGateway.descriptorSet(dir) + "\" ] }";
        gateway = RestGateway.start(dir, RestGateway.upstream("backend", backend.port()) + "routes:\n"
                + RestGateway.route("proto-names", "/proto-names", null,
                        backendYaml + ", rest: { preserveProtoFieldNames: true }")
                + RestGateway.route("defaults", "/defaults", null, backendYaml + ", rest: { emitDefaults: true }")
                + RestGateway.route("lenient", "/lenient", null, backendYaml + ", rest: { ignoreUnknownFields: true }")
                + RestGateway.route("plain", "/", null, backendYaml));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        backend.close();
    }

    @Test
    void everyFieldKindSurvivesTheRoundTrip() throws Exception {
        Answer echoed = gateway.post("/v1/everything:echo", EVERYTHING);
        assertThat(echoed.status()).as(echoed.body()).isEqualTo(200);
        JsonNode sent = RestGateway.JSON.readTree(EVERYTHING);
        JsonNode got = echoed.json();
        // The canonical form differs only where proto3 JSON normalises: timestamps, durations and floats.
        for (String same : new String[] {"doubleValue", "floatValue", "int64Value", "uint64Value", "sint64Value",
                "fixed64Value", "sfixed64Value", "stringValue", "bytesValue", "level", "repeatedLevel", "repeatedInt64",
                "stringMap", "nestedMap", "choiceNested", "fieldMask", "struct", "listValue", "any", "empty",
                "int64Wrapper", "uint64Wrapper", "stringWrapper", "bytesWrapper", "optionalInt32", "customName",
                "repeatedNested", "uint32Value"}) {
            assertThat(got.get(same)).as(same).isEqualTo(sent.get(same));
        }
        assertThat(got.get("timestamp").asText()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(got.get("duration").asText()).isEqualTo("-1.000000001s");
        assertThat(got.get("nested").get("at").asText()).isEqualTo("2024-02-29T23:59:59.999999999Z");
        assertThat(got.get("value").asDouble()).isEqualTo(3.5);
        assertThat(got.get("doubleWrapper").asDouble()).isEqualTo(6.25);
    }

    @Test
    void int64IsAcceptedAsNumberOrStringAndAnsweredAsString() throws Exception {
        JsonNode echoed = gateway.post("/v1/everything:echo", "{\"int64Value\":123,\"uint64Value\":\"456\","
                + "\"repeatedInt64\":[1,\"2\"]}").json();
        assertThat(echoed.get("int64Value").isTextual()).isTrue();
        assertThat(echoed.get("int64Value").asText()).isEqualTo("123");
        assertThat(echoed.get("uint64Value").asText()).isEqualTo("456");
        assertThat(echoed.get("repeatedInt64").toString()).isEqualTo("[\"1\",\"2\"]");
    }

    @Test
    void enumsAreAcceptedByNumberAndAnsweredByName() throws Exception {
        JsonNode echoed = gateway.post("/v1/everything:echo", "{\"level\":2,\"repeatedLevel\":[1,\"HIGH\"]}").json();
        assertThat(echoed.get("level").asText()).isEqualTo("HIGH");
        assertThat(echoed.get("repeatedLevel").toString()).isEqualTo("[\"LOW\",\"HIGH\"]");
    }

    @Test
    void protoFieldNamesAreAcceptedOnInputEverywhere() throws Exception {
        JsonNode echoed = gateway.post("/v1/everything:echo",
                "{\"int32_value\":5,\"nested\":{\"child\":{\"name\":\"x\"}},\"renamed\":\"r\"}").json();
        assertThat(echoed.get("int32Value").asInt()).isEqualTo(5);
        assertThat(echoed.get("customName").asText()).isEqualTo("r");
    }

    @Test
    void defaultsAreOmittedUnlessTheRouteAsksForThem() throws Exception {
        assertThat(gateway.post("/v1/everything:echo", "{\"int32Value\":0,\"stringValue\":\"\"}").body()).isEqualTo("{}");
        JsonNode full = gateway.post("/defaults/v1/everything:echo", "{}").json();
        assertThat(full.get("int32Value").asInt()).isEqualTo(0);
        assertThat(full.get("int64Value").asText()).isEqualTo("0");
        assertThat(full.get("stringValue").asText()).isEmpty();
        assertThat(full.get("level").asText()).isEqualTo("LEVEL_UNSPECIFIED");
        assertThat(full.get("repeatedInt32").toString()).isEqualTo("[]");
        assertThat(full.get("stringMap").toString()).isEqualTo("{}");
        assertThat(full.get("boolValue").asBoolean()).isFalse();
        assertThat(full.has("nested")).as("unset messages stay absent").isFalse();
        assertThat(full.has("optionalInt32")).as("unset optional fields stay absent").isFalse();
    }

    @Test
    void protoFieldNamesOnOutputWhenTheRouteAsks() throws Exception {
        Answer echoed = gateway.post("/proto-names/v1/everything:echo",
                "{\"int32Value\":1,\"nested\":{\"name\":\"n\"},\"customName\":\"c\",\"repeatedLevel\":[\"LOW\"]}");
        assertThat(echoed.body()).isEqualTo(
                "{\"int32_value\":1,\"nested\":{\"name\":\"n\"},\"repeated_level\":[\"LOW\"],\"renamed\":\"c\"}");
        Answer shelf = gateway.get("/proto-names/v1/shelves?pageSize=1");
        assertThat(shelf.status()).isEqualTo(200);
    }

    @Test
    void unknownFieldsAreA400UnlessTheRouteIgnoresThem() throws Exception {
        Answer strict = gateway.post("/v1/everything:echo", "{\"int32Value\":1,\"noSuchField\":true}");
        assertThat(strict.status()).isEqualTo(400);
        assertThat(strict.json().get("code").asInt()).isEqualTo(3);
        assertThat(strict.json().get("message").asText()).contains("noSuchField");
        Answer strictQuery = gateway.get("/v1/everything?noSuchParam=1");
        assertThat(strictQuery.status()).isEqualTo(400);
        assertThat(strictQuery.json().get("message").asText()).contains("noSuchParam");

        Answer lenient = gateway.post("/lenient/v1/everything:echo",
                "{\"int32Value\":1,\"noSuchField\":true,\"nested\":{\"alsoUnknown\":[1]}}");
        assertThat(lenient.status()).as(lenient.body()).isEqualTo(200);
        assertThat(lenient.body()).isEqualTo("{\"int32Value\":1,\"nested\":{}}");
        Answer lenientQuery = gateway.get("/lenient/v1/everything?noSuchParam=1&int32Value=2");
        assertThat(lenientQuery.body()).isEqualTo("{\"int32Value\":2}");
    }

    @Test
    void nullMeansDefault() throws Exception {
        Answer echoed = gateway.post("/v1/everything:echo", "{\"int32Value\":null,\"nested\":null,\"stringValue\":\"x\"}");
        assertThat(echoed.body()).isEqualTo("{\"stringValue\":\"x\"}");
    }
}
