package dev.polygate.demo;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The demo's gRPC backend, embedded so that {@code ./gateway demo} needs nothing else: the
 * {@code demo.greeter.v1.Greeter} service over plaintext HTTP/2 (h2c), with server reflection so that the
 * gateway can load its schema from it. The gateway makes it reachable as REST/JSON, native gRPC and gRPC-Web.
 */
final class DemoGreeter implements AutoCloseable {
    private final Server server;
    private final ScheduledExecutorService scheduler;

    private DemoGreeter(Server server, ScheduledExecutorService scheduler) {
        this.server = server;
        this.scheduler = scheduler;
    }

    /** Starts on {@code host:port}; port 0 picks a free one. */
    public static DemoGreeter start(String host, int port) throws IOException {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "polygate-demo-greetings");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return start(host, port, scheduler);
        } catch (IOException | RuntimeException e) {
            scheduler.shutdownNow();
            throw e;
        }
    }

    /** Starts with the given scheduler pacing the streams; it is shut down by {@link #close()}. */
    static DemoGreeter start(String host, int port, ScheduledExecutorService scheduler) throws IOException {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .addService(new GreeterService(scheduler))
                .addService(ProtoReflectionServiceV1.newInstance())
                .build()
                .start();
        return new DemoGreeter(server, scheduler);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        // Streams still running are cut short: the demo is ending, nobody waits for greetings.
        scheduler.shutdownNow();
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }
}
