package dev.polygate.edge.auth;

import dev.polygate.edge.testing.RunningGateway;
import java.nio.file.Path;
import java.util.function.IntFunction;

/** A gateway in front of a {@link HeaderEchoBackend}, started and closed together. */
final class EchoedGateway implements AutoCloseable {
    private final HeaderEchoBackend backend;
    private final RunningGateway gateway;

    private EchoedGateway(HeaderEchoBackend backend, RunningGateway gateway) {
        this.backend = backend;
        this.gateway = gateway;
    }

    /**
     * @param tlsYaml the {@code https} listener's {@code tls} section, or null for none
     * @param yaml    the configuration's other sections, given the backend's port
     */
    static EchoedGateway start(Path dir, String tlsYaml, IntFunction<String> yaml) throws Exception {
        HeaderEchoBackend backend = new HeaderEchoBackend();
        try {
            return new EchoedGateway(backend, RunningGateway.start(dir, tlsYaml, yaml.apply(backend.port())));
        } catch (Exception | Error e) {
            backend.close();
            throw e;
        }
    }

    HeaderEchoBackend backend() {
        return backend;
    }

    RunningGateway gateway() {
        return gateway;
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            backend.close();
        }
    }
}
