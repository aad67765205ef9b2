package dev.polygate.interop;

import static dev.polygate.interop.DynamicGrpc.byJsonName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.polygate.wsdl.SoapServices;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same bad value is refused alike whichever protocol brings it: a JAX-WS RI service taking an element of every
 * XSD built-in simple type behind the built gateway, called over native gRPC (grpc-java, types from the gateway's
 * reflection), gRPC-Web and REST/JSON. Each bad lexical form is INVALID_ARGUMENT (gRPC, gRPC-Web) or a 400 problem
 * (REST) with one message naming the field, and the service, which counts its calls, never hears of it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SoapValuesAlikeForEveryClientTest {
    private static final String SERVICE = "soap.values.Values";
    private static final HttpClient H1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String DECIMAL = "an xs:decimal such as \"-12.50\" (digits, no exponent)";
    private static final String INTEGER = "an xs:integer (digits only)";
    private static final String DATE = "an xs:date such as \"2024-01-31\"";
    private static final String DATE_TIME = "an xs:dateTime such as \"2024-01-31T13:20:00Z\"";
    private static final String TIME = "an xs:time such as \"13:20:00\"";
    private static final String DURATION = "an xs:duration such as \"P1DT2H\" or \"PT1.5S\"";
    private static final String QNAME = "a QName in Clark notation such as \"{urn:ns}local\"";
    /** Every value of the good request, one per type; each bad case replaces one of them. */
    private static final Map<String, Object> GOOD = Map.ofEntries(Map.entry("aDecimal", "-12.50"),
            Map.entry("anInteger", "123456789012345678901234567890"), Map.entry("aPositiveInteger", "1"),
            Map.entry("aNonNegativeInteger", "0"), Map.entry("aNegativeInteger", "-1"),
            Map.entry("aNonPositiveInteger", "0"), Map.entry("aByte", -128), Map.entry("aShort", 32767),
            Map.entry("anInt", -5), Map.entry("anUnsignedByte", 255), Map.entry("anUnsignedShort", 65535),
            Map.entry("aDate", "2024-02-29"), Map.entry("aDateTime", "2024-01-31T13:20:00.5+05:30"),
            Map.entry("aTime", "24:00:00"), Map.entry("aDuration", "-P1Y2M3DT4H5M6.7S"), Map.entry("aGYear", "2024"),
            Map.entry("aGYearMonth", "2024-12"), Map.entry("aGMonth", "--12"), Map.entry("aGMonthDay", "--02-29"),
            Map.entry("aGDay", "---31"), Map.entry("anAnyURI", "http://example.com/a b"),
            Map.entry("aQName", "{urn:x}local"), Map.entry("aString", "tab\tline\nemoji \ud83d\ude00 <&>"),
            Map.entry("anAttributeDecimal", "0.5"), Map.entry("aNillableDecimal", "7"));
    @TempDir
    static Path dir;
    static SoapServices services;
    static GatewayProcess gateway;
    static ManagedChannel channel;
    static Descriptors.MethodDescriptor check;
    static SoapRest rest;

    /** A field given a value its XSD type refuses, the same text (or number) over every protocol. */
    record Bad(String key, Object value, String detail) {
        @Override
        public String toString() {
            return key + " = " + (value instanceof String text ? "\"" + text + "\"" : value);
        }
    }

    static Stream<Bad> badValues() {
        List<Bad> bad = new ArrayList<>();
        for (String text : List.of("abc", "1e3", "1E-2", "1,5", "", "+-1", "0x10", "1.2.3", "\u0661\u0662", "Infinity")) {
            bad.add(lexical("aDecimal", text, DECIMAL));
        }
        for (String text : List.of("1.5", "12a", "", "1e3", "--1")) {
            bad.add(lexical("anInteger", text, INTEGER));
        }
        bad.add(lexical("aPositiveInteger", "0", "an xs:positiveInteger"));
        bad.add(lexical("aNonNegativeInteger", "-1", "an xs:nonNegativeInteger"));
        bad.add(lexical("aNegativeInteger", "0", "an xs:negativeInteger"));
        bad.add(lexical("aNonPositiveInteger", "1", "an xs:nonPositiveInteger"));
        bad.add(lexical("aPositiveInteger", "x", INTEGER));
        bad.add(range("aByte", 128, "xs:byte (-128..127)"));
        bad.add(range("aByte", -129, "xs:byte (-128..127)"));
        bad.add(range("aShort", 32768, "xs:short (-32768..32767)"));
        bad.add(range("aShort", -32769, "xs:short (-32768..32767)"));
        bad.add(range("anUnsignedByte", 256, "xs:unsignedByte (0..255)"));
        bad.add(range("anUnsignedShort", 65536, "xs:unsignedShort (0..65535)"));
        for (String text : List.of("2023-02-29", "2024-1-31", "0000-01-01", "2024-13-01", "2024-04-31",
                "2024-01-31T00:00:00", "2024-01-31+15:00", "31.01.2024", "")) {
            bad.add(lexical("aDate", text, DATE));
        }
        for (String text : List.of("2024-01-31T25:00:00Z", "2024-01-31", "2024-01-31 13:20:00", "2024-01-31T13:20",
                "2024-01-31T13:20:60")) {
            bad.add(lexical("aDateTime", text, DATE_TIME));
        }
        for (String text : List.of("13:60:00", "24:00:01", "1:20:00", "13:20")) {
            bad.add(lexical("aTime", text, TIME));
        }
        for (String text : List.of("P", "PT", "1D", "P1H", "PT1.S", "P-1D")) {
            bad.add(lexical("aDuration", text, DURATION));
        }
        bad.add(lexical("aGYear", "24", "an xs:gYear such as \"2024\""));
        bad.add(lexical("aGYear", "0000", "an xs:gYear such as \"2024\""));
        bad.add(lexical("aGYearMonth", "2024-13", "an xs:gYearMonth such as \"2024-01\""));
        bad.add(lexical("aGMonth", "--00", "an xs:gMonth such as \"--01\""));
        bad.add(lexical("aGMonthDay", "--02-30", "an xs:gMonthDay such as \"--01-31\""));
        bad.add(lexical("aGDay", "---32", "an xs:gDay such as \"---31\""));
        bad.add(lexical("aQName", "p:local", QNAME));
        bad.add(lexical("aQName", "{urn:x}", QNAME));
        bad.add(lexical("aQName", "", QNAME));
        bad.add(lexical("aString", "bell\u0007", "text XML can carry (U+0007 at position 5 is not allowed in XML)"));
        bad.add(lexical("aString", "\uffff", "text XML can carry (U+FFFF at position 1 is not allowed in XML)"));
        bad.add(lexical("anAnyURI", "a\u0000b", "text XML can carry (U+0000 at position 2 is not allowed in XML)"));
        bad.add(lexical("anAttributeDecimal", "1e3", DECIMAL));
        bad.add(lexical("aNillableDecimal", "abc", DECIMAL));
        return bad.stream();
    }

    private static Bad lexical(String key, String text, String expected) {
        return new Bad(key, text, "field 'values." + key + "': expected " + expected + ", got \"" + text + "\"");
    }

    private static Bad range(String key, int number, String range) {
        return new Bad(key, number, "field 'values." + key + "': " + number + " is out of range for " + range);
    }

    @BeforeAll
    static void start() throws Exception {
        services = SoapServices.start();
        Path config = dir.resolve("soap-values.yaml");
        Files.writeString(config, LocalGatewayConfig.yaml("soap: { endpoints: [ \"http://127.0.0.1:%d\" ] }"
                .formatted(services.port()), """
                - name: values
                  match: { paths: [ "/values/**", "/%s/*" ] }
                  translator: soap
                  backend: { upstream: soap, wsdl: "%s", prefix: /values }
                - name: values-by-path
                  match: { paths: [ "/by-path/**" ] }
                  translator: soap
                  backend: { upstream: soap, wsdl: "%2$s", prefix: /by-path,
                             operations: { Check: { method: GET, path: "/by-path/{values.aDecimal}" } } }
                - name: reflection
                  match: { paths: [ "/grpc.reflection.v1.ServerReflection/*" ] }
                  translator: grpc-reflection
                  backend: {}
                """.formatted(SERVICE, services.wsdl(SoapServices.VALUES))));
        gateway = GatewayProcess.start(List.of("-Xmx128m"), "run", "--config", config.toString());
        channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.port("http")).usePlaintext().build();
        check = new ReflectedSchema(channel).service(SERVICE).findMethodByName("Check");
        rest = new SoapRest("http://127.0.0.1:" + gateway.port("http"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (gateway != null) {
            gateway.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void aBadValueIsRefusedAlikeOverGrpcGrpcWebAndRestAndNeverSent(Bad bad) throws Exception {
        long before = calls();
        assertRefusedEverywhere(bad.key(), bad.value(), json(bad.value()), bad.detail());
        assertThat(calls()).as("the backend heard of none of them").isEqualTo(before);
    }

    @Test
    void aBadItemOfARepeatedElementIsNamedByItsIndex() throws Exception {
        long before = calls();
        String detail = "field 'values.decimal[1]': expected " + DECIMAL + ", got \"1e3\"";
        assertRefusedEverywhere("decimal", List.of("1", "1e3"), "[\"1\",\"1e3\"]", detail);
        assertThat(calls()).isEqualTo(before);
    }

    /** A value bound from the URL path or query meets the same check as one from the body. */
    @Test
    void aRestValueFromThePathOrQueryIsCheckedToo() throws Exception {
        long before = calls();
        HttpResponse<String> fromPath = SoapRest.get("http://127.0.0.1:" + gateway.port("http") + "/by-path/abc");
        assertThat(fromPath.statusCode()).as(fromPath.body()).isEqualTo(400);
        assertThat(SoapRest.json(fromPath).path("detail").asText())
                .isEqualTo("field 'values.aDecimal': expected " + DECIMAL + ", got \"abc\"");
        HttpResponse<String> fromQuery = SoapRest.get("http://127.0.0.1:" + gateway.port("http")
                + "/by-path/1.5?values.aDate=2023-02-29");
        assertThat(fromQuery.statusCode()).as(fromQuery.body()).isEqualTo(400);
        assertThat(SoapRest.json(fromQuery).path("detail").asText())
                .isEqualTo("field 'values.aDate': expected " + DATE + ", got \"2023-02-29\"");
        assertThat(calls()).isEqualTo(before);
        HttpResponse<String> good = SoapRest.get("http://127.0.0.1:" + gateway.port("http") + "/by-path/1.5");
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        assertThat(SoapRest.json(good).path("values").path("aDecimal").asText()).isEqualTo("1.5");
        assertThat(calls()).isEqualTo(before + 1);
    }

    @Test
    void xsAnyMustBeOneWellFormedElement() throws Exception {
        long before = calls();
        DynamicMessage request = request(Map.of("any", List.of("<x:a xmlns:x=\"urn:x\"><b></x:a>")));
        String grpc = grpcRefusal(request);
        assertThat(grpc).startsWith("field 'values.any[0]': expected one well-formed XML element, got \"<x:a ");
        assertThat(grpcWebRefusal(request)).isEqualTo(grpc);
        assertThat(restRefusal("{\"values\":{\"any\":[\"<x:a xmlns:x=\\\"urn:x\\\"><b></x:a>\"]}}")).isEqualTo(grpc);
        assertThat(calls()).isEqualTo(before);
    }

    /** An enum value travels as a number over gRPC and as its literal over REST: each is refused by its own form. */
    @Test
    void anEnumValueWithoutALiteralIsRefused() throws Exception {
        long before = calls();
        Descriptors.FieldDescriptor colour = byJsonName(values(), "aColour");
        DynamicMessage unknown = check(DynamicMessage.newBuilder(values())
                .setField(colour, colour.getEnumType().findValueByNumberCreatingIfUnknown(7)).build());
        String allowed = "field 'values.aColour': expected one of \"red\", \"green\", got ";
        assertThat(grpcRefusal(unknown)).isEqualTo(allowed + "7");
        assertThat(grpcWebRefusal(unknown)).isEqualTo(allowed + "7");
        DynamicMessage unspecified = check(DynamicMessage.newBuilder(values())
                .setField(colour, colour.getEnumType().findValueByNumber(0)).build());
        assertThat(grpcRefusal(unspecified)).isEqualTo(allowed + colour.getEnumType().findValueByNumber(0).getName());
        assertThat(restRefusal("{\"values\":{\"aColour\":\"blue\"}}")).isEqualTo(allowed + "\"blue\"");
        assertThat(calls()).isEqualTo(before);
    }

    @Test
    void goodValuesOfEveryTypePassOverEveryProtocol() throws Exception {
        long before = calls();
        DynamicMessage request = request(GOOD);
        DynamicMessage answer = DynamicGrpc.call(channel, check, request);
        Descriptors.FieldDescriptor answered = byJsonName(check.getOutputType(), "values");
        DynamicMessage echoed = (DynamicMessage) answer.getField(answered);
        assertThat(echoed.getField(byJsonName(echoed.getDescriptorForType(), "aDecimal"))).isEqualTo("-12.50");
        assertThat(echoed.getField(byJsonName(echoed.getDescriptorForType(), "aGMonthDay"))).isEqualTo("--02-29");

        HttpResponse<byte[]> web = grpcWeb(request);
        GrpcWebBody body = GrpcWebBody.parse(web.body());
        assertThat(body.trailers()).as(body.trailers().toString()).containsEntry("grpc-status", "0");
        assertThat(body.messages()).hasSize(1);

        StringJoiner json = new StringJoiner(",", "{\"values\":{", "}}");
        for (Map.Entry<String, Object> entry : GOOD.entrySet()) {
            json.add("\"" + entry.getKey() + "\":" + json(entry.getValue()));
        }
        HttpResponse<String> response = rest.post("/values/Check", json.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode values = SoapRest.json(response).path("values");
        assertThat(values.path("aGYearMonth").asText()).isEqualTo("2024-12");
        assertThat(values.path("aString").asText()).isEqualTo(GOOD.get("aString"));
        assertThat(calls()).as("each good call reached the backend").isEqualTo(before + 3);
    }

    /** Refused with INVALID_ARGUMENT / 400 and the same detail over gRPC, gRPC-Web and REST. */
    private static void assertRefusedEverywhere(String key, Object value, String json, String detail) throws Exception {
        DynamicMessage request = request(Map.of(key, value));
        assertThat(grpcRefusal(request)).as("gRPC").isEqualTo(detail);
        assertThat(grpcWebRefusal(request)).as("gRPC-Web").isEqualTo(detail);
        assertThat(restRefusal("{\"values\":{\"" + key + "\":" + json + "}}")).as("REST").isEqualTo(detail);
    }

    private static String grpcRefusal(DynamicMessage request) {
        StatusRuntimeException refused = catchThrowableOfType(() -> DynamicGrpc.call(channel, check, request),
                StatusRuntimeException.class);
        assertThat(refused).as("a refusal").isNotNull();
        assertThat(refused.getStatus().getCode()).as(refused.getStatus().toString()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        return refused.getStatus().getDescription();
    }

    private static String grpcWebRefusal(DynamicMessage request) throws Exception {
        HttpResponse<byte[]> response = grpcWeb(request);
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, String> trailers = GrpcWebBody.parse(response.body()).trailers();
        assertThat(trailers).as(trailers.toString()).containsEntry("grpc-status", "3");
        return percentDecoded(trailers.get("grpc-message"));
    }

    private static String restRefusal(String json) throws Exception {
        HttpResponse<String> response = rest.post("/values/Check", json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        return SoapRest.json(response).path("detail").asText();
    }

    private static HttpResponse<byte[]> grpcWeb(DynamicMessage request) throws Exception {
        return H1.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port("http") + "/" + SERVICE
                        + "/Check")).header("content-type", "application/grpc-web+proto").header("x-grpc-web", "1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(GrpcWebBody.frame(request.toByteArray())))
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** How many Check calls the backend received, asked through the gateway. */
    private static long calls() throws Exception {
        HttpResponse<String> response = rest.post("/values/Calls", "{}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SoapRest.json(response).path("count").asLong();
    }

    private static Descriptors.Descriptor values() {
        return byJsonName(check.getInputType(), "values").getMessageType();
    }

    private static DynamicMessage check(DynamicMessage values) {
        return DynamicMessage.newBuilder(check.getInputType())
                .setField(byJsonName(check.getInputType(), "values"), values).build();
    }

    /** A Check request whose values hold the given fields (by JSON name): text, int32 and repeated text. */
    private static DynamicMessage request(Map<String, Object> fields) {
        DynamicMessage.Builder values = DynamicMessage.newBuilder(values());
        fields.forEach((key, value) -> {
            Descriptors.FieldDescriptor field = byJsonName(values(), key);
            if (value instanceof List<?> items) {
                items.forEach(item -> values.addRepeatedField(field, item));
            } else if (field.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE) {
                // a nillable element: its wrapper holds the value in field 1
                Descriptors.Descriptor wrapper = field.getMessageType();
                values.setField(field, DynamicMessage.newBuilder(wrapper).setField(wrapper.findFieldByNumber(1), value).build());
            } else {
                values.setField(field, value);
            }
        });
        return check(values.build());
    }

    private static String json(Object value) throws Exception {
        return SoapRest.JSON.writeValueAsString(value);
    }

    /** grpc-message is percent-encoded UTF-8. */
    private static String percentDecoded(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
