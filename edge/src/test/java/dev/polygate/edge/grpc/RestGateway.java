package dev.polygate.edge.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polygate.edge.testing.RunningGateway;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A gateway in front of a gRPC backend, with REST clients: routes use the {@code grpc} translator and learn
 * the schema from the descriptor set the proto module builds.
 */
public final class RestGateway implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final RunningGateway gateway;
    private final HttpClient client;

    private RestGateway(RunningGateway gateway, HttpClient.Version version) {
        this.gateway = gateway;
        this.client = HttpClient.newBuilder().version(version).connectTimeout(TIMEOUT).build();
    }

    /** One route for everything, to the backend, with the descriptor set; {@code restYaml} may be empty. */
    static RestGateway start(Path dir, int backendPort, String restYaml) throws Exception {
        return start(dir, upstream("backend", backendPort) + "routes:\n"
                + route("all", "/", null, "upstream: backend, schema: { descriptorSets: [ \"" + descriptorSet(dir)
                        + "\" ] }" + (restYaml.isEmpty() ? "" : ", " + restYaml)));
    }

    /** A gateway with the given {@code upstreams:} and {@code routes:} sections. */
    static RestGateway start(Path dir, String yaml) throws Exception {
        return new RestGateway(RunningGateway.start(dir, null, yaml), HttpClient.Version.HTTP_1_1);
    }

    /** As {@link #start(Path, int, String)}, plus a TLS listener with the development certificate. */
    static RunningGateway startWithTls(Path dir, int backendPort) throws Exception {
        return RunningGateway.start(dir, "{}", upstream("backend", backendPort) + "routes:\n"
                + route("all", "/", null, "upstream: backend, schema: { descriptorSets: [ \"" + descriptorSet(dir)
                        + "\" ] }"));
    }

    static String upstream(String name, int port) {
        return "upstreams:\n  " + name + ": { endpoints: [ \"h2c://127.0.0.1:" + port + "\" ] }\n";
    }

    /** A route entry matching a prefix (stripped unless it is "/") and the backend section's inner YAML. */
    static String route(String name, String prefix, String extra, String backend) {
        return "  - name: " + name + "\n"
                + "    match: { prefix: \"" + prefix + "\" }\n"
                + (prefix.equals("/") ? "" : "    stripPrefix: \"" + prefix + "\"\n")
                + "    translator: grpc\n"
                + (extra == null ? "" : "    " + extra + "\n")
                + "    backend: { " + backend + " }\n";
    }

    /** The descriptor set of the test services, written to a file as users would have it. */
    public static Path descriptorSet(Path dir) {
        Path file = dir.resolve("polygate-services.pb");
        if (!Files.exists(file)) {
            try (InputStream in = RestGateway.class.getResourceAsStream("/dev/polygate/proto/polygate-services.pb")) {
                Files.copy(in, file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    RunningGateway gateway() {
        return gateway;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.httpPort() + path);
    }

    Answer get(String path, String... headers) throws Exception {
        return send("GET", path, null, headers);
    }

    Answer post(String path, String json, String... headers) throws Exception {
        return send("POST", path, json, headers);
    }

    /** One request; {@code headers} are name/value pairs; a JSON body gets {@code content-type: application/json}. */
    Answer send(String method, String path, String json, String... headers) throws Exception {
        HttpResponse<String> response = client.send(request(method, path, json, headers).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers(), response.body());
    }

    HttpRequest.Builder request(String method, String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("content-type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    HttpClient client() {
        return client;
    }

    @Override
    public void close() {
        gateway.close();
    }

    /** A response with its body as text and, when it is JSON, as a tree. */
    record Answer(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
