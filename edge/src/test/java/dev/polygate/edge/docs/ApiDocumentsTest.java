package dev.polygate.edge.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polygate.edge.config.ConfigLoader;
import dev.polygate.edge.server.GatewayServer;
import dev.polygate.edge.testing.RunningGateway;
import dev.polygate.spi.ConfigException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A grpc route's OpenAPI document and .proto files, on the admin API and on an api-docs route. */
class ApiDocumentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    @TempDir
    static Path dir;
    private static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start(dir, null, routes("library"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String routes(String docsTarget) throws Exception {
        Path set = dir.resolve("services.pb");
        if (!Files.exists(set)) {
            try (InputStream in = ApiDocumentsTest.class.getResourceAsStream("/dev/polygate/proto/polygate-services.pb")) {
                Files.copy(in, set);
            }
        }
        // Nothing listens on the upstream: documents come from the schema alone.
        return "upstreams:\n  backend: { endpoints: [ \"h2c://127.0.0.1:9\" ] }\n"
                + "routes:\n"
                + "  - name: library\n"
                + "    match: { prefix: \"/\" }\n"
                + "    translator: grpc\n"
                + "    backend: { upstream: backend, services: [ polygate.test.v1.Library, demo.greeter.v1.Greeter ],"
                + " schema: { descriptorSets: [ \"" + set + "\" ] } }\n"
                + "  - name: library-docs\n"
                + "    match: { prefix: \"/docs/library/\" }\n"
                + "    translator: api-docs\n"
                + "    backend: { route: " + docsTarget + " }\n";
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String admin() {
        return "http://127.0.0.1:" + gateway.server().adminPort();
    }

    @Test
    void adminListsEachRoutesDocuments() throws Exception {
        HttpResponse<String> list = get(admin() + "/apis");
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode routes = JSON.readTree(list.body());
        assertThat(routes.has("library-docs")).isFalse();
        assertThat(routes.path("library").toString()).contains("\"openapi.json\"")
                .contains("\"polygate/test/v1/library.proto\"").contains("\"demo/greeter/v1/greeter.proto\"")
                .doesNotContain("google/");
    }

    @Test
    void adminServesOneDocument() throws Exception {
        HttpResponse<String> openapi = get(admin() + "/apis/library/openapi.json");
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.headers().firstValue("content-type")).contains("application/json");
        JsonNode document = JSON.readTree(openapi.body());
        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.path("paths").has("/v1/greeter/{name}")).isTrue();
        HttpResponse<String> proto = get(admin() + "/apis/library/demo/greeter/v1/greeter.proto");
        assertThat(proto.statusCode()).isEqualTo(200);
        assertThat(proto.body()).contains("service Greeter {").contains("option (google.api.http) = {");
        HttpResponse<String> missing = get(admin() + "/apis/library/nothing.json");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(get(admin() + "/apis/nobody/openapi.json").statusCode()).isEqualTo(404);
    }

    @Test
    void theDocsRouteServesThemPublicly() throws Exception {
        String base = "http://127.0.0.1:" + gateway.httpPort() + "/docs/library/";
        HttpResponse<String> index = get(base);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(index.body()).path("route").asText()).isEqualTo("library");
        HttpResponse<String> openapi = get(base + "openapi.json");
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(openapi.body()).at("/info/title").asText()).contains("polygate.test.v1.Library");
        HttpResponse<String> proto = get(base + "polygate/test/v1/library.proto");
        assertThat(proto.body()).startsWith("// Test service for REST/JSON transcoding").contains("service Library {");
        assertThat(get(base + "missing.proto").statusCode()).isEqualTo(404);
    }

    @Test
    void aDocsRouteMustNameAnExistingRoute() {
        assertThatThrownBy(() -> GatewayServer.start(ConfigLoader.parse("dataDir: " + dir + "\n"
                + "admin: { enabled: false }\nlisteners:\n  - { name: http, address: 127.0.0.1, port: 0 }\n"
                + routes("nowhere"), null, dir)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage())
                        .contains("routes[1].backend.route").contains("no route is named 'nowhere'"));
    }
}
