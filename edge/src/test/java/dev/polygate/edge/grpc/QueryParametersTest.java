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
 * Fields not bound by the path or body, set from query parameters: the KitchenSink echoes the message it
 * received, so each assertion reads what the backend was actually sent.
 */
final class QueryParametersTest {
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

    private static JsonNode echo(String query) throws Exception {
        Answer answer = gateway.get("/v1/everything?" + query);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void scalarsInJsonOrProtoSpelling() throws Exception {
        JsonNode echoed = echo("int32Value=-7&int64_value=9007199254740993&uint64Value=18446744073709551615"
                + "&doubleValue=2.5&float_value=-0.5&boolValue=true&stringValue=caf%C3%A9%20au%20lait"
                + "&sint64Value=-12&fixed32Value=4294967295&bytesValue=aGVsbG8%3D&customName=renamed");
        assertThat(echoed.get("int32Value").asInt()).isEqualTo(-7);
        assertThat(echoed.get("int64Value").asText()).isEqualTo("9007199254740993");
        assertThat(echoed.get("uint64Value").asText()).isEqualTo("18446744073709551615");
        assertThat(echoed.get("doubleValue").asDouble()).isEqualTo(2.5);
        assertThat(echoed.get("floatValue").asDouble()).isEqualTo(-0.5);
        assertThat(echoed.get("boolValue").asBoolean()).isTrue();
        assertThat(echoed.get("stringValue").asText()).isEqualTo("café au lait");
        assertThat(echoed.get("sint64Value").asText()).isEqualTo("-12");
        assertThat(echoed.get("fixed32Value").asLong()).isEqualTo(4294967295L);
        assertThat(echoed.get("bytesValue").asText()).isEqualTo("aGVsbG8=");
        assertThat(echoed.get("customName").asText()).as("json_name").isEqualTo("renamed");
    }

    @Test
    void nestedFieldsByDottedPath() throws Exception {
        JsonNode echoed = echo("nested.name=outer&nested.child.name=inner&nested.child.level=2&nested.tags=a&nested.tags=b");
        assertThat(echoed.get("nested").toString())
                .isEqualTo("{\"name\":\"outer\",\"child\":{\"name\":\"inner\",\"level\":2},\"tags\":[\"a\",\"b\"]}");
    }

    @Test
    void repeatedFieldsByRepetition() throws Exception {
        JsonNode echoed = echo("repeatedInt32=3&repeatedInt32=1&repeatedInt32=2&repeated_string=x&repeatedString=y"
                + "&repeatedInt64=9007199254740993");
        assertThat(echoed.get("repeatedInt32").toString()).isEqualTo("[3,1,2]");
        assertThat(echoed.get("repeatedString").toString()).isEqualTo("[\"x\",\"y\"]");
        assertThat(echoed.get("repeatedInt64").toString()).isEqualTo("[\"9007199254740993\"]");
    }

    @Test
    void enumsByNameOrNumber() throws Exception {
        assertThat(echo("level=HIGH").get("level").asText()).isEqualTo("HIGH");
        assertThat(echo("level=1").get("level").asText()).isEqualTo("LOW");
        assertThat(echo("repeatedLevel=LOW&repeatedLevel=2").get("repeatedLevel").toString())
                .isEqualTo("[\"LOW\",\"HIGH\"]");
    }

    @Test
    void timestampDurationAndFieldMask() throws Exception {
        JsonNode echoed = echo("timestamp=2024-05-06T09:08:09.5%2B02:00&duration=1.5s&fieldMask=nested.name,int64Value"
                + "&nested.at=1970-01-01T00:00:01Z");
        assertThat(echoed.get("timestamp").asText()).isEqualTo("2024-05-06T07:08:09.500Z");
        assertThat(echoed.get("duration").asText()).isEqualTo("1.500s");
        assertThat(echoed.get("fieldMask").asText()).isEqualTo("nested.name,int64Value");
        assertThat(echoed.get("nested").get("at").asText()).isEqualTo("1970-01-01T00:00:01Z");
    }

    @Test
    void wrappersAsBareValues() throws Exception {
        JsonNode echoed = echo("int32Wrapper=0&int64Wrapper=-5&uint32Wrapper=7&uint64Wrapper=8&floatWrapper=1.25"
                + "&doubleWrapper=-2&boolWrapper=false&stringWrapper=&bytesWrapper=AQI%3D");
        assertThat(echoed.get("int32Wrapper").asInt()).as("a set wrapper holding 0 is printed").isEqualTo(0);
        assertThat(echoed.get("int64Wrapper").asText()).isEqualTo("-5");
        assertThat(echoed.get("uint32Wrapper").asInt()).isEqualTo(7);
        assertThat(echoed.get("uint64Wrapper").asText()).isEqualTo("8");
        assertThat(echoed.get("floatWrapper").asDouble()).isEqualTo(1.25);
        assertThat(echoed.get("doubleWrapper").asDouble()).isEqualTo(-2);
        assertThat(echoed.get("boolWrapper").asBoolean()).isFalse();
        assertThat(echoed.get("stringWrapper").asText()).isEmpty();
        assertThat(echoed.get("bytesWrapper").asText()).isEqualTo("AQI=");
    }

    @Test
    void optionalAndOneofFields() throws Exception {
        JsonNode echoed = echo("optionalInt32=0&choiceNumber=42");
        assertThat(echoed.get("optionalInt32").asInt()).as("explicit presence keeps a zero").isEqualTo(0);
        assertThat(echoed.get("choiceNumber").asText()).isEqualTo("42");
    }

    @Test
    void queryNextToPathVariables() throws Exception {
        JsonNode echoed = gateway.get("/v1/everything/p/5/n?nested.level=3&boolValue=1").json();
        assertThat(echoed.get("nested").toString()).isEqualTo("{\"name\":\"n\",\"level\":3}");
        assertThat(echoed.get("boolValue").asBoolean()).isTrue();
    }

    @Test
    void libraryFiltersFromTheQuery() throws Exception {
        gateway.post("/v1/shelves?requestId=filters", "{\"theme\":\"mixed\"}");
        gateway.post("/v1/shelves/filters/books?bookId=old", "{\"title\":\"Old\",\"genre\":\"HISTORY\","
                + "\"tags\":[\"war\",\"europe\"],\"publishTime\":\"1962-01-01T00:00:00Z\",\"readingTime\":\"36000s\"}");
        gateway.post("/v1/shelves/filters/books?bookId=new", "{\"title\":\"New\",\"genre\":\"HISTORY\","
                + "\"tags\":[\"war\"],\"publishTime\":\"2020-01-01T00:00:00Z\",\"readingTime\":\"3600s\","
                + "\"author\":{\"displayName\":\"Someone\"}}");
        assertThat(titles("genre=HISTORY&tags=war")).isEqualTo("[New, Old]");
        assertThat(titles("genre=2&tags=war&tags=europe")).isEqualTo("[Old]");
        assertThat(titles("publishedAfter=2000-01-01T00:00:00Z")).isEqualTo("[New]");
        assertThat(titles("author.displayName=Someone&inPrint=true")).isEqualTo("[New]");
        assertThat(titles("maxReadingTime=2h")).as("Duration needs seconds").isEqualTo("400");
        assertThat(titles("maxReadingTime=7200s")).isEqualTo("[New]");
        assertThat(titles("genre=SCIENCE")).isEqualTo("[]");
    }

    private static String titles(String query) throws Exception {
        Answer answer = gateway.get("/v1/shelves/filters/books?" + query);
        if (answer.status() != 200) {
            return Integer.toString(answer.status());
        }
        JsonNode books = answer.json().path("books");
        java.util.List<String> titles = new java.util.ArrayList<>();
        books.forEach(b -> titles.add(b.get("title").asText()));
        return titles.toString();
    }
}
