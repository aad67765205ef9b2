package dev.polygate.interop;

import static dev.polygate.interop.DynamicGrpc.byJsonName;
import static dev.polygate.interop.DynamicGrpc.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Empty;
import dev.polygate.wsdl.SoapServices;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-way SOAP operation (the JAX-WS RI Notices service's {@code Notify}: an input and no output) through the
 * built gateway: REST clients get {@code 202 Accepted} with {@code {}}, gRPC clients OK with an Empty message, and
 * the backend's {@code LastNotice} shows what arrived. Backends that answer otherwise are served by a
 * misbehaving fake on the same contract: an empty envelope is success too, a Fault is rendered as for other
 * operations, anything else is 502, and silence is 504.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SoapOneWayThroughGatewayTest {
    private static final String SERVICE = "soap.notices.Notices";
    private static final String SERVER_FAULT = FakeSoapBackend.envelope("<soap:Fault><faultcode>soap:Server</faultcode>"
            + "<faultstring>the notice queue is full</faultstring></soap:Fault>");
    @TempDir
    static Path dir;
    static SoapServices services;
    static FakeSoapBackend fake;
    static GatewayProcess gateway;
    static SoapRest rest;
    static ManagedChannel channel;
    static Descriptors.ServiceDescriptor notices;

    @BeforeAll
    static void start() throws Exception {
        services = SoapServices.start();
        fake = new FakeSoapBackend()
                .answer("/envelope", 200, "text/xml; charset=utf-8", FakeSoapBackend.envelope(""))
                .answer("/fault", 500, "text/xml; charset=utf-8", SERVER_FAULT)
                .answer("/html", 500, "text/html", "<html><body><h1>503 Service Unavailable</h1></body></html>")
                .answer("/missing", 404, "text/plain", "")
                .holdOpen("/silent");
        String wsdl = services.wsdl(SoapServices.NOTICES).toString();
        StringBuilder routes = new StringBuilder("""
                - name: notices
                  match: { paths: [ "/notices/**", "/%s/*" ] }
                  translator: soap
                  backend: { upstream: soap, wsdl: "%s", prefix: /notices }
                - { name: reflection, match: { path: "/grpc.reflection.v1.ServerReflection/*" },
                    translator: grpc-reflection, backend: {} }
                """.formatted(SERVICE, wsdl));
        for (String name : List.of("envelope", "fault", "html", "missing", "silent")) {
            routes.append("""
                    - { name: %s, match: { path: "/%s/**" }, translator: soap,
                        backend: { upstream: fake, wsdl: "%s", prefix: /%s, path: /%s, timeout: 2s } }
                    """.formatted(name, name, wsdl, name, name));
        }
        Path config = dir.resolve("one-way.yaml");
        Files.writeString(config, LocalGatewayConfig.yaml("""
                soap: { endpoints: [ "http://127.0.0.1:%d" ] }
                fake: { endpoints: [ "http://127.0.0.1:%d" ] }
                """.formatted(services.port(), fake.port()), routes.toString()));
        gateway = GatewayProcess.start(List.of("-Xmx128m"), "run", "--config", config.toString());
        rest = new SoapRest("http://127.0.0.1:" + gateway.port("http"));
        channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.port("http")).usePlaintext().build();
        notices = new ReflectedSchema(channel).service(SERVICE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        for (AutoCloseable started : new AutoCloseable[] {gateway, fake, services}) {
            if (started != null) {
                started.close();
            }
        }
    }

    private static String notice(String source, String text, long sequence) {
        return "{\"notice\":{\"source\":\"" + source + "\",\"text\":\"" + text + "\",\"sequence\":" + sequence + "}}";
    }

    /** What the backend received from {@code source}, once at least {@code atLeast} notices have arrived. */
    private static JsonNode lastNotice(String source, int atLeast) throws Exception {
        HttpResponse<String> response = rest.post("/notices/LastNotice",
                "{\"source\":\"" + source + "\",\"atLeast\":" + atLeast + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SoapRest.json(response).path("log");
    }

    private static void assertAccepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{}");
    }

    @Test
    void aRestNotificationIsAcceptedAndReachesTheBackend() throws Exception {
        assertAccepted(rest.post("/notices/Notify", notice("rest", "door opened", 1)));
        assertAccepted(rest.post("/notices/Notify", notice("rest", "door closed", 2)));

        JsonNode log = lastNotice("rest", 2);
        assertThat(log.path("received").asLong()).isEqualTo(2);
        assertThat(log.path("last").path("text").asText()).isEqualTo("door closed");
        assertThat(log.path("last").path("sequence").asLong()).isEqualTo(2);
    }

    @Test
    void aGrpcClientNotifiesAndGetsOkWithEmpty() throws Exception {
        Descriptors.MethodDescriptor notify = notices.findMethodByName("Notify");
        assertThat(notify.getOutputType().getFullName()).isEqualTo(Empty.getDescriptor().getFullName());
        Descriptors.Descriptor wrapper = notify.getInputType();
        Descriptors.FieldDescriptor noticeField = byJsonName(wrapper, "notice");
        Descriptors.Descriptor noticeType = noticeField.getMessageType();
        DynamicMessage notice = DynamicMessage.newBuilder(noticeType).setField(byJsonName(noticeType, "source"), "grpc")
                .setField(byJsonName(noticeType, "text"), "window opened")
                .setField(byJsonName(noticeType, "sequence"), 7L).build();

        DynamicMessage answer = DynamicGrpc.call(channel, notify,
                DynamicMessage.newBuilder(wrapper).setField(noticeField, notice).build());

        assertThat(answer.getAllFields()).isEmpty();
        assertThat(answer.getDescriptorForType().getFields()).isEmpty();
        Descriptors.MethodDescriptor last = notices.findMethodByName("LastNotice");
        Descriptors.Descriptor question = last.getInputType();
        DynamicMessage log = (DynamicMessage) field(DynamicGrpc.call(channel, last, DynamicMessage.newBuilder(question)
                .setField(byJsonName(question, "source"), "grpc").setField(byJsonName(question, "atLeast"), 1).build()),
                "log");
        assertThat(field(log, "received")).isEqualTo(1L);
        assertThat(field((DynamicMessage) field(log, "last"), "text")).isEqualTo("window opened");
    }

    @Test
    void badJsonIsA400AndTheBackendIsNotCalled() throws Exception {
        for (String bad : List.of("{\"notice\":", "[]", "{\"notice\":{\"source\":\"bad\",\"text\":\"x\"}}",
                "{\"notice\":{\"source\":\"bad\",\"text\":\"x\",\"sequence\":\"seven\"}}",
                "{\"notice\":{\"source\":\"bad\",\"text\":\"x\",\"sequence\":1,\"urgent\":true}}")) {
            HttpResponse<String> response = rest.post("/notices/Notify", bad);
            assertThat(response.statusCode()).as(bad + " -> " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(SoapRest.json(response).path("detail").asText()).as(bad).isNotBlank();
        }
        assertAccepted(rest.post("/notices/Notify", notice("bad", "the good one", 99)));

        JsonNode log = lastNotice("bad", 1);
        assertThat(log.path("received").asLong()).as("only the good notice arrived").isEqualTo(1);
        assertThat(log.path("last").path("sequence").asLong()).isEqualTo(99);
    }

    @Test
    void theOpenApiDocumentSays202() throws Exception {
        JsonNode document = SoapRest.json(SoapRest.get("http://127.0.0.1:" + gateway.port("admin")
                + "/apis/notices/openapi.json").body());
        JsonNode responses = document.at("/paths/~1notices~1Notify/post/responses");
        assertThat(responses.has("202")).as(responses.toString()).isTrue();
        assertThat(responses.has("200")).isFalse();
        assertThat(document.at("/paths/~1notices~1LastNotice/post/responses").has("200")).isTrue();
    }

    @Test
    void anEmptyEnvelopeWith200IsAcceptedToo() throws Exception {
        assertAccepted(rest.post("/envelope/Notify", notice("fake", "hello", 1)));
    }

    @Test
    void aFaultIsRenderedAsForOtherOperations() throws Exception {
        HttpResponse<String> response = rest.post("/fault/Notify", notice("fake", "hello", 1));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode problem = SoapRest.json(response);
        assertThat(problem.path("code").asText()).isEqualTo("SOAP_FAULT");
        assertThat(problem.path("faultcode").asText()).isEqualTo("Server");
        assertThat(problem.path("reason").asText()).isEqualTo("the notice queue is full");
    }

    @Test
    void anErrorPageOrAnErrorStatusWithoutAFaultIs502() throws Exception {
        for (String path : List.of("/html/Notify", "/missing/Notify")) {
            HttpResponse<String> response = rest.post(path, notice("fake", "hello", 1));
            assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(502);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
            JsonNode problem = SoapRest.json(response);
            assertThat(problem.path("code").asText()).isNotEqualTo("SOAP_FAULT");
            assertThat(problem.path("detail").asText()).as(path).contains("HTTP " + (path.startsWith("/html") ? 500 : 404));
        }
    }

    @Test
    void aBackendThatNeverAnswersIs504AfterTheRouteTimeout() throws Exception {
        Instant started = Instant.now();
        HttpResponse<String> response = rest.post("/silent/Notify", notice("fake", "hello", 1));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(504);
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(15));
        assertThat(SoapRest.json(response).path("status").asInt()).isEqualTo(504);
    }
}
