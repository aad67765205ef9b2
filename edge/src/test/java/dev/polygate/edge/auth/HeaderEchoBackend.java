package dev.polygate.edge.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP backend (the JDK's server) behind the {@code http} translator that answers with what it received: the
 * raw path and query, the path as a backend would read it (percent-decoded) and every header; it remembers the
 * decoded paths it served.
 */
final class HeaderEchoBackend implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<String> served = new CopyOnWriteArrayList<>();

    HeaderEchoBackend() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            served.add(exchange.getRequestURI().getPath());
            ObjectNode answer = JSON.createObjectNode();
            answer.put("raw", exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
            answer.put("path", exchange.getRequestURI().getPath());
            ObjectNode headers = answer.putObject("headers");
            for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                headers.putPOJO(header.getKey().toLowerCase(Locale.ROOT), header.getValue());
            }
            byte[] body = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("content-type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The decoded paths of every request that reached the backend, in order. */
    List<String> served() {
        return List.copyOf(served);
    }

    /** The backend's answer: what it received. */
    static JsonNode received(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not the backend's answer: " + body, e);
        }
    }

    /** The values of one header the backend received, or an empty list. */
    static List<String> header(String body, String name) {
        JsonNode values = received(body).path("headers").path(name);
        return values.isMissingNode() ? List.of() : JSON.convertValue(values, JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
