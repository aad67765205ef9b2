package dev.polygate.edge.access;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain HTTP backend (the JDK's server) that answers 200 with the path and remembers each request's method, path
 * and headers, so a test can tell what reached the backend and what did not.
 */
public final class RecordingBackend implements AutoCloseable {
    /** One request as the backend saw it; header names in lower case. */
    public record Seen(String method, String path, Map<String, List<String>> headers) {
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : String.join(", ", values);
        }
    }

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private RecordingBackend(HttpServer server) {
        this.server = server;
    }

    /** Starts on a free loopback port; {@code extraHeaders} (name, value pairs) go on every answer. */
    public static RecordingBackend start(String... extraHeaders) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        RecordingBackend backend = new RecordingBackend(server);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
            backend.seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers));
            for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
                exchange.getResponseHeaders().add(extraHeaders[i], extraHeaders[i + 1]);
            }
            byte[] body = ("backend saw " + exchange.getRequestMethod() + " " + exchange.getRequestURI())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return backend;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** The last request for exactly {@code path}, or null. */
    public Seen last(String path) {
        Seen found = null;
        for (Seen request : seen) {
            if (request.path().equals(path)) {
                found = request;
            }
        }
        return found;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
