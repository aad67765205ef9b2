package dev.polygate.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The gateway configuration for gRPC passthrough: a cleartext listener (h2c by prior knowledge), a TLS listener
 * with the development certificate (h2 by ALPN), and one route per interop service to the TestServiceServer.
 */
final class GrpcPassthroughConfig {
    /** The translator that carries native gRPC in passthrough mode. */
    static final String TRANSLATOR = "grpc";

    /** Every service the interop cases call, the unimplemented one included: its answer must come from the server. */
    private static final List<String> SERVICES = List.of("grpc.testing.TestService", "grpc.testing.UnimplementedService");

    private GrpcPassthroughConfig() {
    }

    /** Writes the file into {@code dir}; the development CA is created under {@code dir/data}. */
    static Path write(Path dir, int backendPort) throws IOException {
        StringBuilder routes = new StringBuilder();
        for (String service : SERVICES) {
            // Path templates take whole segments only, so each service gets its own "/service/*" route.
            routes.append("""
                      - name: %1$s
                        match: { path: "/%1$s/*" }
                        translator: %2$s
                        backend:
                          upstream: grpc-backend
                          # no idle cut-off shorter than a test's longest silent stream, no total limit
                          timeouts: { idle: 5m, total: 0 }
                    """.formatted(service, TRANSLATOR));
        }
        Path config = dir.resolve("grpc-gateway.yaml");
        Files.writeString(config, """
                dataDir: data
                accessLog: { file: access.log }
                reload: { watch: false }
                admin: { port: 0 }
                listeners:
                  - { name: h2c, address: 127.0.0.1, port: 0 }
                  - { name: tls, address: 127.0.0.1, port: 0, tls: {} }
                upstreams:
                  grpc-backend: { endpoints: [ "h2c://127.0.0.1:%d" ] }
                routes:
                """.formatted(backendPort) + routes);
        return config;
    }

    /** The gateway's access log, one JSON line per exchange. */
    static Path accessLog(Path dir) {
        return dir.resolve("access.log");
    }

    /** The development CA the gateway created for its TLS listener; clients trust it. */
    static Path devCa(Path dir) {
        return dir.resolve("data").resolve("dev-ca.pem");
    }
}
