package dev.polygate.edge.auth.jwt;

import dev.polygate.edge.config.ConfigLoader;
import dev.polygate.edge.runtime.ConfigReloader;
import dev.polygate.edge.server.GatewayServer;
import dev.polygate.policies.auth.jwt.LoopbackHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A gateway started from a YAML file for the bearer-token tests: one cleartext listener, a consumer {@code alice}
 * (group {@code staff}), and an upstream {@code backend}, a real HTTP server on loopback that answers with the path
 * and headers it received. The file can be rewritten and reloaded.
 */
final class TokenGateway implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Path directory;
    private final LoopbackHttpServer backend = new LoopbackHttpServer((method, body, exchange) -> {
        Map<String, String> seen = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> seen.put(name.toLowerCase(Locale.ROOT),
                String.join(",", values)));
        StringBuilder answer = new StringBuilder("uri: ").append(exchange.getRequestURI()).append('\n');
        seen.forEach((name, value) -> answer.append(name).append(": ").append(value).append('\n'));
        return new LoopbackHttpServer.Answer(200, "text/plain", answer.toString());
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private GatewayServer server;

    TokenGateway(Path directory) {
        this.directory = directory;
    }

    /** Starts the gateway with these upstreams (besides {@code backend}) and routes, in YAML. */
    TokenGateway start(String upstreams, String routes) throws Exception {
        Files.writeString(file(), yaml(upstreams, routes));
        server = GatewayServer.start(ConfigLoader.load(file()));
        return this;
    }

    /** Rewrites the file with other routes and reloads it, as a change to a ConfigMap would. */
    boolean reload(String upstreams, String routes) throws Exception {
        ConfigReloader reloader = new ConfigReloader(file(), server::reload,
                new PrintStream(new ByteArrayOutputStream(), true));
        Files.writeString(file(), yaml(upstreams, routes));
        return reloader.reload("test");
    }

    URI uri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + server.port("http") + path);
    }

    HttpClient client() {
        return client;
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("http", path)).timeout(TIMEOUT);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> bearer(String path, String token) throws Exception {
        return get(path, "authorization", "Bearer " + token);
    }

    private Path file() {
        return directory.resolve("gateway.yaml");
    }

    private String yaml(String upstreams, String routes) {
        return "dataDir: " + directory + "\naccessLog: { enabled: false }\nreload: { watch: false }\n"
                + "drainTimeout: 200ms\nadmin: { enabled: false }\n"
                + "listeners:\n  - { name: http, address: 127.0.0.1, port: 0 }\n"
                + "consumers:\n  - { name: alice, groups: [ staff ] }\n"
                + "upstreams:\n  backend: { endpoints: [ \"" + backend.uri("") + "\" ] }\n" + upstreams
                + "routes:\n" + routes;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        backend.close();
    }
}
