package dev.polygate.edge.ratelimit;

import dev.polygate.edge.grpc.GrpcBackend;
import dev.polygate.edge.grpc.RestGateway;
import dev.polygate.edge.testing.RunningGateway;
import java.nio.file.Path;

/** A gateway with one grpc route (the test Library service, schema from the descriptor set) with given policies. */
final class GrpcRouteFixture implements AutoCloseable {
    final GrpcBackend backend;
    final RunningGateway gateway;

    private GrpcRouteFixture(GrpcBackend backend, RunningGateway gateway) {
        this.backend = backend;
        this.gateway = gateway;
    }

    static GrpcRouteFixture start(Path dir, String policies) throws Exception {
        GrpcBackend backend = GrpcBackend.start();
        try {
            RunningGateway gateway = RunningGateway.start(dir, null, """
                    upstreams:
                      grpc: { endpoints: [ "h2c://127.0.0.1:%d" ] }
                    routes:
                      - name: library
                        match: { prefix: "/" }
                        translator: grpc
                        backend: { upstream: grpc, schema: { descriptorSets: [ "%s" ] } }
                        policies:
                    """.formatted(backend.port(), RestGateway.descriptorSet(dir)) + policies);
            return new GrpcRouteFixture(backend, gateway);
        } catch (Exception | Error e) {
            backend.close();
            throw e;
        }
    }

    int port() {
        return gateway.httpPort();
    }

    @Override
    public void close() throws InterruptedException {
        gateway.close();
        backend.close();
    }
}
