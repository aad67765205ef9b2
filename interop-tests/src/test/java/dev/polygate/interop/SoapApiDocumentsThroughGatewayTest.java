package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.testing.OpenApiSchemas;
import dev.polygate.wsdl.SoapServices;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API documents the admin port serves for SOAP routes: the OpenAPI document is valid for swagger-parser and
 * describes the JSON the routes really answer (and take), faults and refusals included, as a JSON Schema validator
 * checks it; the .proto files compile with protoc exactly as served, imports included (with the protoc in the local
 * Maven repository, when there is one).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SoapApiDocumentsThroughGatewayTest {
    private static final List<String> ROUTES = List.of("orders", "legacy", "telemetry", "notices", "tally");
    @TempDir
    static Path dir;
    static SoapServices services;
    static GatewayProcess gateway;
    static String admin;
    static SoapRest rest;

    @BeforeAll
    static void start() throws Exception {
        services = SoapServices.start();
        StringBuilder routes = new StringBuilder();
        for (String name : ROUTES) {
            routes.append("""
                      - { name: %s, match: { path: "/%s/**" }, translator: soap,
                          backend: { upstream: soap, wsdl: "%s", prefix: /%s } }
                    """.formatted(name, name, services.wsdl(name), name));
        }
        Path config = dir.resolve("soap.yaml");
        Files.writeString(config, """
                reload: { watch: false }
                admin: { port: 0 }
                listeners:
                  - { name: http, address: 127.0.0.1, port: 0 }
                upstreams:
                  soap: { endpoints: [ "http://127.0.0.1:%d" ] }
                routes:
                """.formatted(services.port()) + routes);
        gateway = GatewayProcess.start(List.of("-Xmx128m"), "run", "--config", config.toString());
        admin = "http://127.0.0.1:" + gateway.port("admin");
        rest = new SoapRest("http://127.0.0.1:" + gateway.port("http"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    void openApiDocumentsAreValid() throws Exception {
        for (String route : ROUTES) {
            HttpResponse<String> response = SoapRest.get(admin + "/apis/" + route + "/openapi.json");
            assertThat(response.statusCode()).as(route + ": " + response.body()).isEqualTo(200);
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult result = new OpenAPIV3Parser().readContents(response.body(), null, options);
            assertThat(result.getMessages()).as(route + " swagger-parser messages").isEmpty();
            assertThat(result.getOpenAPI().getPaths()).as(route).isNotEmpty();
        }
    }

    @Test
    void ordersAnswersFitTheServedSchemas() throws Exception {
        OpenApiSchemas orders = served("orders");
        String invoiced = SoapRichTypesThroughGatewayTest.ORDER.replace("\"note\":null", "\"note\":\"ring\"")
                .replace("\"card\":{\"holder\":\"Ada\",\"last4\":\"4242\"}", "\"invoice\":{\"dueDays\":30}");
        answered(orders, "/orders/EchoOrder", SoapRichTypesThroughGatewayTest.ORDER);
        JsonNode echoed = answered(orders, "/orders/EchoOrder", "{\"header\":{\"Tracking\":\"t-1\"},"
                + invoiced.substring(1));
        assertThat(echoed.path("order").path("invoice").path("dueDays").asInt()).isEqualTo(30);
        for (int count : new int[] {0, 1, 3}) {
            assertThat(answered(orders, "/orders/ListLines", "{\"count\":" + count + "}").path("line")).hasSize(count);
        }
        answered(orders, "/orders/Sum", "{\"amount\":[\"0.1\",0.2,\"99999999999999999999.7\"]}");
        answered(orders, "/orders/CancelOrder", "{\"orderId\":1}");
    }

    @Test
    void rpcLiteralAndSoap12AnswersFitTheServedSchemas() throws Exception {
        OpenApiSchemas legacy = served("legacy");
        answered(legacy, "/legacy/addNumbers", "{\"a\":2,\"b\":40}");
        answered(legacy, "/legacy/findPerson", "{\"id\":\"9007199254740993\"}");
        answered(legacy, "/legacy/tags", "{\"count\":2}");
        answered(served("telemetry"), "/telemetry/Record",
                "{\"reading\":{\"sensor\":\"t-1\",\"sequence\":\"7\",\"value\":21.5,\"at\":\"2025-01-02T03:04:05Z\"}}");
    }

    @Test
    void faultsAndRefusalsFitTheServedProblemSchema() throws Exception {
        OpenApiSchemas orders = served("orders");
        JsonNode declared = failed(orders, "/orders/CancelOrder", "{\"orderId\":\"42\"}", 502);
        assertThat(declared.path("faultDetail").path("reason").asText()).isEqualTo("unknown order");
        // the problem is no answer of the operation: the validator tells them apart
        assertThat(orders.problems(OpenApiSchemas.response("/orders/CancelOrder", "post", "200", "application/json"),
                declared)).isNotEmpty();
        OpenApiSchemas telemetry = served("telemetry");
        JsonNode receiver = failed(telemetry, "/telemetry/Record",
                "{\"reading\":{\"sensor\":\"x-9\",\"sequence\":\"1\",\"value\":0}}", 502);
        assertThat(receiver.path("faultDetail").path("sensor").asText()).isEqualTo("x-9");
        JsonNode sender = failed(telemetry, "/telemetry/Record",
                "{\"reading\":{\"sensor\":\"t-1\",\"sequence\":\"3\",\"value\":-300.5}}", 400);
        assertThat(sender.path("subcodes")).hasSize(2);
        assertThat(sender.has("faultDetailXml")).isTrue();

        // requests the served schema refuses, the gateway refuses too, with a problem that fits the schema
        for (String refused : new String[] {
                SoapRichTypesThroughGatewayTest.ORDER.replace("\"status\":\"on-hold\"", "\"status\":\"ON_HOLD\""),
                SoapRichTypesThroughGatewayTest.ORDER.replace("\"currency\":\"EUR\"", "\"colour\":\"red\""),
                SoapRichTypesThroughGatewayTest.ORDER.replace("\"note\":null", "\"comment\":null"),
                SoapRichTypesThroughGatewayTest.ORDER.replace("\"note\":null,", "\"invoice\":{\"dueDays\":1},"),
                "{\"order\":{\"currency\":\"EUR\"}}"}) {
            assertThat(orders.problems(OpenApiSchemas.requestBody("/orders/EchoOrder", "post"), SoapRest.json(refused)))
                    .as(refused).isNotEmpty();
            JsonNode problem = failed(orders, "/orders/EchoOrder", refused, 400);
            assertThat(problem.path("code").asText()).isEqualTo("INVALID_ARGUMENT");
        }
    }

    /** The route's OpenAPI document as the admin port serves it. */
    private static OpenApiSchemas served(String route) throws Exception {
        HttpResponse<String> response = SoapRest.get(admin + "/apis/" + route + "/openapi.json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new OpenApiSchemas(SoapRest.json(response));
    }

    /** Calls the operation at {@code path}; the request and its 200 answer both fit the operation's schemas. */
    private static JsonNode answered(OpenApiSchemas schemas, String path, String json) throws Exception {
        assertThat(schemas.problems(OpenApiSchemas.requestBody(path, "post"), SoapRest.json(json))).as(json).isEmpty();
        HttpResponse<String> response = rest.post(path, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = SoapRest.json(response);
        assertThat(schemas.problems(OpenApiSchemas.response(path, "post", "200", "application/json"), answer))
                .as(response.body()).isEmpty();
        return answer;
    }

    /** Calls the operation at {@code path}; it fails with {@code status} and a problem that fits its default response. */
    private static JsonNode failed(OpenApiSchemas schemas, String path, String json, int status) throws Exception {
        HttpResponse<String> response = rest.post(path, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode problem = SoapRest.json(response);
        assertThat(schemas.problems(OpenApiSchemas.response(path, "post", "default", "application/problem+json"),
                problem)).as(response.body()).isEmpty();
        return problem;
    }

    @Test
    void servedProtoFilesCompile() throws Exception {
        Path protoc = protoc();
        for (String route : ROUTES) {
            Path root = Files.createDirectories(dir.resolve("protos-" + route));
            List<String> served = new ArrayList<>();
            for (JsonNode document : SoapRest.json(SoapRest.get(admin + "/apis").body()).path(route)) {
                String name = document.isTextual() ? document.asText() : document.path("name").asText();
                if (name.endsWith(".proto")) {
                    served.add(name);
                    write(root, name, SoapRest.get(admin + "/apis/" + route + "/" + name).body());
                }
            }
            assertThat(served).as(route + " serves its .proto files with what they import")
                    .contains("google/api/annotations.proto", "google/api/http.proto",
                            "google/protobuf/descriptor.proto", "polygate/xml/v1/xml.proto");
            List<String> command = new ArrayList<>(List.of(protoc.toString(), "-I" + root,
                    "-o" + dir.resolve(route + ".pb")));
            command.addAll(served);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(route + " protoc: " + output).isZero();
        }
    }

    private static void write(Path root, String name, String content) throws Exception {
        Path target = root.resolve(name);
        Files.createDirectories(target.getParent());
        Files.writeString(target, content);
    }

    private static Path protoc() throws Exception {
        Path versions = Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "google", "protobuf",
                "protoc");
        Path found = null;
        if (Files.isDirectory(versions) && System.getProperty("os.name").toLowerCase().contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64")) {
            try (Stream<Path> files = Files.walk(versions, 2)) {
                found = files.filter(f -> f.getFileName().toString().endsWith("-linux-x86_64.exe")).findFirst()
                        .orElse(null);
            }
        }
        Assumptions.assumeTrue(found != null, "no protoc in the local Maven repository");
        Path protoc = dir.resolve("protoc");
        if (!Files.exists(protoc)) {
            Files.copy(found, protoc); // a private copy: the repository's file need not be executable
            assertThat(protoc.toFile().setExecutable(true)).isTrue();
        }
        return protoc;
    }
}
