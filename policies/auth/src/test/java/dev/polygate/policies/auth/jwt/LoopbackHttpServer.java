package dev.polygate.policies.auth.jwt;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP server on loopback for the token methods' tests (a JWKS publisher, an introspection endpoint): it
 * answers every request with what the test's {@link Handler} says, counts requests, and can hold answers back until
 * the test releases them.
 */
public final class LoopbackHttpServer implements AutoCloseable {
    /** What the server answers to one request. */
    @FunctionalInterface
    public interface Handler {
        Answer answer(String method, String body, HttpExchange exchange);
    }

    public record Answer(int status, String contentType, String body) {
        public static Answer json(String body) {
            return new Answer(200, "application/json", body);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<Handler> handler;
    private volatile CountDownLatch hold = new CountDownLatch(0);

    public LoopbackHttpServer(Handler handler) {
        this.handler = new AtomicReference<>(handler);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A server that answers every request with the same JSON. */
    public static LoopbackHttpServer serving(AtomicReference<String> json) {
        return new LoopbackHttpServer((method, body, exchange) -> Answer.json(json.get()));
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public int requests() {
        return requests.get();
    }

    public void answer(Handler replacement) {
        handler.set(replacement);
    }

    /** Answers wait until {@link #release()}. */
    public void holdAnswers() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        hold.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!hold.await(10, TimeUnit.SECONDS)) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            Answer answer = handler.get().answer(exchange.getRequestMethod(), body, exchange);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("content-type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
