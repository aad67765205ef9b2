package dev.polygate.edge.ratelimit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP backend whose answers the test holds back: {@code /slow...} waits until {@link #release} lets it answer,
 * {@code /die...} closes the connection without answering, anything else answers at once.
 */
final class HeldBackend implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Semaphore arrived = new Semaphore(0);
    private final Semaphore gate = new Semaphore(0);

    HeldBackend() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (path.startsWith("/die")) {
                return; // closed without a word
            }
            if (path.startsWith("/slow")) {
                arrived.release();
                if (!gate.tryAcquire(60, TimeUnit.SECONDS)) {
                    return;
                }
            }
            byte[] body = ("answer to " + path).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Waits until {@code count} more slow requests have arrived and are held. */
    void awaitHeld(int count) throws InterruptedException {
        if (!arrived.tryAcquire(count, 20, TimeUnit.SECONDS)) {
            throw new AssertionError("fewer than " + count + " slow requests reached the backend");
        }
    }

    /** Lets {@code count} held requests answer. */
    void release(int count) {
        gate.release(count);
    }

    @Override
    public void close() {
        gate.release(1000);
        server.stop(0);
        threads.shutdownNow();
    }
}
