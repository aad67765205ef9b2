package dev.polygate.interop;

import static dev.polygate.interop.DynamicGrpc.byJsonName;
import static dev.polygate.interop.DynamicGrpc.call;
import static dev.polygate.interop.DynamicGrpc.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.polygate.wsdl.SoapServices;
import dev.polygate.wsdl.cxf.CxfServicesProcess;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SOAP headers through the built gateway, to two SOAP stacks that read them: the JAX-WS RI Orders service answers
 * its {@code Tracking} request header with a {@code TrackingEcho} response header, and CXF's {@code Weigh} echoes
 * its {@code traceId} header in the body. Headers come from the JSON {@code header} object, from HTTP headers
 * named by {@code soapHeaders} (which win), and from a native gRPC client's metadata.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SoapHeadersThroughGatewayTest {
    private static final String ORDERS = "soap.orders.Orders";
    private static final String ORDER = "\"order\":{\"currency\":\"EUR\",\"id\":\"7\",\"customer\":{\"name\":\"Ada\"},"
            + "\"note\":null,\"status\":\"on-hold\",\"total\":\"1.50\"}";
    @TempDir
    static Path dir;
    static SoapServices services;
    static CxfServicesProcess cxf;
    static GatewayProcess gateway;
    static SoapRest rest;
    static ManagedChannel channel;

    @BeforeAll
    static void start() throws Exception {
        services = SoapServices.start();
        cxf = CxfServicesProcess.start();
        URI shipments = cxf.endpoint("shipments");
        String orders = "{ upstream: soap, wsdl: \"%s\", prefix: /orders, soapHeaders: { X-Tracking-Id: Tracking } }"
                .formatted(services.wsdl(SoapServices.ORDERS));
        Path config = dir.resolve("soap-headers.yaml");
        Files.writeString(config, LocalGatewayConfig.yaml("""
                soap: { endpoints: [ "http://127.0.0.1:%d" ] }
                cxf: { endpoints: [ "http://%s:%d" ] }
                """.formatted(services.port(), shipments.getHost(), shipments.getPort()), """
                - { name: orders, match: { path: "/orders/**" }, translator: soap, backend: %s }
                - { name: orders-grpc, match: { path: "/%s/*" }, translator: soap, backend: %s }
                - { name: reflection, match: { path: "/grpc.reflection.v1.ServerReflection/*" },
                    translator: grpc-reflection, backend: {} }
                - name: shipments
                  match: { path: "/shipments/**" }
                  translator: soap
                  backend: { upstream: cxf, wsdl: "%s", prefix: /shipments, soapHeaders: { x-trace-id: traceId } }
                """.formatted(orders, ORDERS, orders, cxf.wsdl("shipments"))));
        gateway = GatewayProcess.start(List.of("-Xmx128m"), "run", "--config", config.toString());
        rest = new SoapRest("http://127.0.0.1:" + gateway.port("http"));
        channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.port("http")).usePlaintext().build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (gateway != null) {
            gateway.close();
        }
        if (cxf != null) {
            cxf.close();
        }
        if (services != null) {
            services.close();
        }
    }

    private static JsonNode echoOrder(String header, String... httpHeaders) throws Exception {
        HttpResponse<String> response = rest.post("/orders/EchoOrder", "{" + header + ORDER + "}", httpHeaders);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = SoapRest.json(response);
        assertThat(answer.path("order").path("customer").path("name").asText()).as(response.body()).isEqualTo("Ada");
        return answer;
    }

    @Test
    void theJsonHeaderObjectGoesInAndTheResponseHeaderComesBack() throws Exception {
        JsonNode answer = echoOrder("\"header\":{\"Tracking\":\"t-1\"},");
        assertThat(answer.path("header").path("TrackingEcho").asText()).as(answer.toString()).isEqualTo("seen:t-1");
        // not sent at all: the service says so
        assertThat(echoOrder("").path("header").path("TrackingEcho").asText()).isEqualTo("none");
    }

    @Test
    void aConfiguredHttpHeaderGivesTheSoapHeader() throws Exception {
        assertThat(echoOrder("", "x-tracking-id", "h-2").path("header").path("TrackingEcho").asText())
                .isEqualTo("seen:h-2");
    }

    @Test
    void theHttpHeaderWinsOverTheJsonHeaderObject() throws Exception {
        JsonNode answer = echoOrder("\"header\":{\"Tracking\":\"from-json\"},", "X-Tracking-Id", "from-http");
        assertThat(answer.path("header").path("TrackingEcho").asText()).isEqualTo("seen:from-http");
    }

    @Test
    void valuesAreEscapedOnTheWayAndBack() throws Exception {
        JsonNode answer = echoOrder("\"header\":{\"Tracking\":\"<a href='x'>&amp;</a>\"},");
        assertThat(answer.path("header").path("TrackingEcho").asText()).isEqualTo("seen:<a href='x'>&amp;</a>");
    }

    @Test
    void cxfReadsTheTraceIdFromTheJsonHeaderObjectAndFromTheHttpHeader() throws Exception {
        String parcels = "\"parcel\":[{\"weightGrams\":\"1200\"},{\"weightGrams\":\"300\"}]";
        HttpResponse<String> fromJson = rest.post("/shipments/Weigh", "{" + parcels + ",\"header\":{\"traceId\":\"tr-1\"}}");
        assertThat(fromJson.statusCode()).as(fromJson.body()).isEqualTo(200);
        JsonNode weighing = SoapRest.json(fromJson).path("weighing");
        assertThat(weighing.path("traceId").asText()).as(fromJson.body()).isEqualTo("tr-1");
        assertThat(weighing.path("totalGrams").asText()).isEqualTo("1500");
        HttpResponse<String> fromHttp = rest.post("/shipments/Weigh", "{" + parcels + "}", "X-Trace-Id", "tr-2");
        assertThat(SoapRest.json(fromHttp).path("weighing").path("traceId").asText()).as(fromHttp.body())
                .isEqualTo("tr-2");
    }

    @Test
    void aGrpcClientSendsTheHeaderAsMetadataAndReadsTheResponseHeader() throws Exception {
        Descriptors.MethodDescriptor echo = new ReflectedSchema(channel).service(ORDERS).findMethodByName("EchoOrder");
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of("x-tracking-id", Metadata.ASCII_STRING_MARSHALLER), "g-1");
        Channel withMetadata = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(metadata));
        DynamicMessage answer = call(withMetadata, echo, order(echo, null));
        assertThat(trackingEcho(answer)).isEqualTo("seen:g-1");
        // the header object of the message itself, as a gRPC client without metadata sends it
        assertThat(trackingEcho(call(channel, echo, order(echo, "m-1")))).isEqualTo("seen:m-1");
    }

    @Test
    void aHeaderValueXmlCannotCarryIsTheCallersMistake() throws Exception {
        HttpResponse<String> response = rest.post("/orders/EchoOrder",
                "{\"header\":{\"Tracking\":\"a\\u0001b\"}," + ORDER + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(SoapRest.json(response).path("detail").asText()).contains("U+0001");
        Descriptors.MethodDescriptor echo = new ReflectedSchema(channel).service(ORDERS).findMethodByName("EchoOrder");
        assertThatThrownBy(() -> call(channel, echo, order(echo, "a\u0001b")))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThat(echoOrder("\"header\":{\"Tracking\":\"ok\"},").path("header").path("TrackingEcho").asText())
                .isEqualTo("seen:ok");
    }

    @Test
    void aHeaderOfTheWrongJsonTypeIsA400NamingItAndTheGatewayKeepsServing() throws Exception {
        for (String header : List.of("\"header\":\"t-1\",", "\"header\":{\"Tracking\":{\"a\":1}},",
                "\"header\":{\"Tracking\":\"t\",\"Unknown\":1},")) {
            HttpResponse<String> response = rest.post("/orders/EchoOrder", "{" + header + ORDER + "}");
            assertThat(response.statusCode()).as(header + " -> " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(SoapRest.json(response).path("detail").asText()).as(response.body()).contains("header");
        }
        assertThat(echoOrder("\"header\":{\"Tracking\":\"after\"},").path("header").path("TrackingEcho").asText())
                .isEqualTo("seen:after");
    }

    @Test
    void theApiDocumentsShowTheHeaderObjects() throws Exception {
        String admin = "http://127.0.0.1:" + gateway.port("admin") + "/apis/orders/";
        JsonNode schemas = SoapRest.json(SoapRest.get(admin + "openapi.json")).path("components").path("schemas");
        JsonNode request = schemas.path("soap.orders.EchoOrderRequest");
        assertThat(request.path("properties").path("header").toString()).as(request.toString())
                .contains("soap.orders.EchoOrderRequestHeader");
        assertThat(schemas.path("soap.orders.EchoOrderRequestHeader").path("properties").has("Tracking")).isTrue();
        assertThat(schemas.path("soap.orders.EchoOrderResponseHeader").path("properties").has("TrackingEcho")).isTrue();
        assertThat(schemas.path("soap.orders.ListLinesResponse").path("properties").has("header")).isFalse();
        String proto = SoapRest.get(admin + "soap/orders/types.proto").body();
        assertThat(proto).contains("message EchoOrderRequestHeader {", "message EchoOrderResponseHeader {")
                .containsPattern("EchoOrderRequestHeader header = \\d+ \\[[^]]*\\(polygate\\.xml\\.v1\\.soap_headers\\) = true");
    }

    /** An EchoOrder request with a small order and, unless null, a Tracking header in the message. */
    private static DynamicMessage order(Descriptors.MethodDescriptor echo, String tracking) {
        Descriptors.Descriptor request = echo.getInputType();
        Descriptors.Descriptor order = byJsonName(request, "order").getMessageType();
        Descriptors.Descriptor customer = byJsonName(order, "customer").getMessageType();
        // the same order as ORDER: a gRPC request meets the schema's required elements as a REST one does
        Descriptors.Descriptor note = byJsonName(order, "note").getMessageType();
        Descriptors.FieldDescriptor nil = note.findFieldByNumber(2);
        Descriptors.FieldDescriptor status = byJsonName(order, "status");
        DynamicMessage.Builder message = DynamicMessage.newBuilder(request).setField(byJsonName(request, "order"),
                DynamicMessage.newBuilder(order).setField(byJsonName(order, "currency"), "EUR")
                        .setField(byJsonName(order, "id"), 7L)
                        .setField(byJsonName(order, "customer"), DynamicMessage.newBuilder(customer)
                                .setField(byJsonName(customer, "name"), "Ada").build())
                        .setField(byJsonName(order, "note"), DynamicMessage.newBuilder(note)
                                .setField(nil, nil.getEnumType().findValueByNumber(0)).build())
                        .setField(status, status.getEnumType().getValues().stream()
                                .filter(value -> value.getName().endsWith("ON_HOLD")).findFirst().orElseThrow())
                        .setField(byJsonName(order, "total"), "1.50").build());
        if (tracking != null) {
            // JAX-WS declares its header elements nillable: the value sits in a nil wrapper
            Descriptors.FieldDescriptor header = byJsonName(request, "header");
            Descriptors.FieldDescriptor part = byJsonName(header.getMessageType(), "Tracking");
            message.setField(header, DynamicMessage.newBuilder(header.getMessageType()).setField(part,
                    DynamicMessage.newBuilder(part.getMessageType()).setField(byJsonName(part.getMessageType(), "value"),
                            tracking).build()).build());
        }
        return message.build();
    }

    /** The TrackingEcho response header's text, out of its nil wrapper. */
    private static Object trackingEcho(DynamicMessage answer) {
        DynamicMessage echo = (DynamicMessage) field((DynamicMessage) field(answer, "header"), "TrackingEcho");
        return field(echo, "value");
    }
}
