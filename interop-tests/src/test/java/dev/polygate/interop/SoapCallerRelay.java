package dev.polygate.interop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * An HTTP hop on a free loopback port between the gateway and a real SOAP backend, which remembers every
 * request it passes on: what the backend received (headers, envelope) and whether it was called at all. The
 * envelope, its content type and SOAPAction travel on; the backend's status, content type and body come back.
 */
final class SoapCallerRelay implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One request as the backend got it: header names in lower case. */
    record Received(String path, Map<String, List<String>> headers, String body) {
    }

    private final URI backend;
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "soap-caller-relay");
        thread.setDaemon(true);
        return thread;
    });

    /** Relays every path to the same path on {@code backend} ({@code http://host:port}). */
    SoapCallerRelay(URI backend) throws IOException {
        this.backend = backend;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::relay);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The requests relayed so far, oldest first. */
    List<Received> received() {
        return List.copyOf(received);
    }

    private void relay(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue)), body));
        HttpRequest.Builder onward = HttpRequest.newBuilder(backend.resolve(exchange.getRequestURI().getRawPath()))
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body));
        for (String name : List.of("content-type", "soapaction")) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                onward.header(name, value);
            }
        }
        byte[] answer;
        int status;
        String contentType;
        try {
            HttpResponse<byte[]> response = HTTP.send(onward.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer = response.body();
            status = response.statusCode();
            contentType = response.headers().firstValue("content-type").orElse("application/octet-stream");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        } catch (IOException e) {
            answer = e.toString().getBytes(StandardCharsets.UTF_8);
            status = 502;
            contentType = "text/plain";
        }
        exchange.getResponseHeaders().set("content-type", contentType);
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
