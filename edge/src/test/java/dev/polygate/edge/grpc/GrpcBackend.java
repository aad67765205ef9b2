package dev.polygate.edge.grpc;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** A real grpc-java server on a free loopback port serving Library and KitchenSink. */
public final class GrpcBackend implements AutoCloseable {
    private final Server server;
    private final CallProbe probe = new CallProbe();
    private final StreamSteps steps = new StreamSteps();
    private final KitchenSinkService kitchenSink = new KitchenSinkService(steps);

    private GrpcBackend(boolean reflection) throws IOException {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(new LibraryService(steps), probe))
                .addService(ServerInterceptors.intercept(kitchenSink, probe));
        if (reflection) {
            builder.addService(ProtoReflectionServiceV1.newInstance());
        }
        server = builder.build().start();
    }

    public static GrpcBackend start() throws IOException {
        return new GrpcBackend(false);
    }

    /** With server reflection, for gateways that learn the schema from the backend. */
    static GrpcBackend startWithReflection() throws IOException {
        return new GrpcBackend(true);
    }

    public int port() {
        return server.getPort();
    }

    CallProbe probe() {
        return probe;
    }

    KitchenSinkService kitchenSink() {
        return kitchenSink;
    }

    StreamSteps steps() {
        return steps;
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }
}
