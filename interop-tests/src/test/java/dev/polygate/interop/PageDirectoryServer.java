package dev.polygate.interop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A plain HTTP backend on loopback serving the files of one directory (no subdirectories), so that a page reaches the
 * browser through the gateway and the page's origin is the gateway's. Files may be written after it started.
 */
final class PageDirectoryServer implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.of(".html", "text/html; charset=utf-8",
            ".js", "text/javascript; charset=utf-8", ".pb", "application/octet-stream");
    private final Path directory;
    private final HttpServer server;

    PageDirectoryServer(Path directory) throws IOException {
        this.directory = directory;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String name = exchange.getRequestURI().getPath().substring(1);
            Path file = directory.resolve(name);
            String type = TYPES.get(name.contains(".") ? name.substring(name.lastIndexOf('.')) : "");
            if (name.isEmpty() || name.contains("/") || type == null || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().set("content-type", type);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
