package dev.polygate.wsdl.hosting;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Answers GET with a class-path WSDL or XSD file: the static half of a contract-first service. */
final class ResourceHandler implements HttpHandler {

    private final String contextPath;
    private final String resourceRoot;

    ResourceHandler(String contextPath, String resourceRoot) {
        this.contextPath = contextPath.endsWith("/") ? contextPath : contextPath + "/";
        this.resourceRoot = resourceRoot.endsWith("/") ? resourceRoot : resourceRoot + "/";
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "GET only");
                return;
            }
            // Contracts only (no classes beside them), and no way out of the root with dot segments.
            if (!path.startsWith(contextPath) || path.contains("..") || path.contains("//")
                    || !(path.endsWith(".wsdl") || path.endsWith(".xsd"))) {
                send(exchange, 404, "not found");
                return;
            }
            String name = resourceRoot + path.substring(contextPath.length());
            byte[] body;
            try (InputStream in = ResourceHandler.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    send(exchange, 404, "not found");
                    return;
                }
                body = in.readAllBytes();
            }
            exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
