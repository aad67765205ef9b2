package dev.polygate.wsdl.hosting;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import jakarta.xml.ws.Endpoint;
import jakarta.xml.ws.EndpointContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One JDK HTTP server on the loopback address that JAX-WS endpoints are published on, each under its own
 * context path, beside plain static files (contracts served with relative references between them).
 *
 * <p>Closing it stops every endpoint, then the server, then its worker threads.
 */
public final class EndpointHost implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService workers;
    private final List<Endpoint> endpoints = new ArrayList<>();

    private EndpointHost(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /**
     * Starts a server on {@code 127.0.0.1:port}; port 0 picks a free one.
     */
    public static EndpointHost start(int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        // The JDK server's default executor is its single dispatcher thread; a small pool lets a slow call
        // and a ?wsdl fetch proceed side by side. Daemon threads so a forgotten host cannot hold the JVM open.
        AtomicInteger count = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "soap-backend-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.start();
        return new EndpointHost(server, workers);
    }

    /**
     * Publishes endpoints that are ports of one WSDL service. They share an {@link EndpointContext}, so the
     * WSDL that each serves carries the real address of every sibling port, not only its own.
     *
     * @param paths context paths, one per endpoint, in the same order
     */
    public void publish(List<Endpoint> group, List<String> paths) {
        publish(group, paths, null);
    }

    private void publish(List<Endpoint> group, List<String> paths, RequestRecorder recorder) {
        if (group.size() != paths.size()) {
            throw new IllegalArgumentException("one path per endpoint");
        }
        Set<Endpoint> siblings = Collections.unmodifiableSet(new LinkedHashSet<>(group));
        EndpointContext siblingContext = new EndpointContext() {
            @Override
            public Set<Endpoint> getEndpoints() {
                return siblings;
            }
        };
        for (int i = 0; i < group.size(); i++) {
            Endpoint endpoint = group.get(i);
            endpoint.setEndpointContext(siblingContext);
            HttpContext context = server.createContext(paths.get(i));
            if (recorder != null) {
                context.getFilters().add(recorder);
            }
            endpoint.publish(context);
            endpoints.add(endpoint);
        }
    }

    /** Publishes one endpoint under a context path such as {@code /orders}. */
    public void publish(Endpoint endpoint, String path) {
        publish(List.of(endpoint), List.of(path));
    }

    /** Publishes one endpoint under a context path, keeping the raw body of every request it receives. */
    public RequestRecorder publishRecorded(Endpoint endpoint, String path) {
        RequestRecorder recorder = new RequestRecorder();
        publish(List.of(endpoint), List.of(path), recorder);
        return recorder;
    }

    /**
     * Serves the {@code .wsdl} and {@code .xsd} class-path resources below {@code resourceRoot} under {@code path}, read-only, so a multi-file
     * contract can be fetched by URL with its relative imports and includes intact.
     */
    public void serveResources(String path, String resourceRoot) {
        server.createContext(path, new ResourceHandler(path, resourceRoot));
    }

    /** The absolute URI of a path on this host, e.g. {@code http://127.0.0.1:40123/orders}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        for (Endpoint endpoint : endpoints) {
            endpoint.stop();
        }
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
