package dev.polygate.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The gateway in front of the Greeter for gRPC-Web and reflection clients: one cleartext listener (HTTP/1.1 for
 * browsers, h2c by prior knowledge for {@code buf curl}), the Greeter route with the grpc translator and the
 * demo descriptor set as its schema, and the gateway's own reflection service, which lists that schema's services.
 * gRPC-Web CORS keeps its defaults: any origin. The configuration requires a backend section on every route;
 * the reflection routes' is empty because the gateway answers them itself.
 */
final class GreeterGatewayConfig {
    /** The descriptor set the proto module packages: every demo service with its imports. */
    private static final String DESCRIPTORS = "dev/polygate/proto/polygate-services.pb";

    private GreeterGatewayConfig() {
    }

    /** Writes the descriptor set and the configuration into {@code dir}; returns the configuration file. */
    static Path write(Path dir, int backendPort) throws IOException {
        Path descriptors = descriptorSet(dir);
        Path config = dir.resolve("greeter-gateway.yaml");
        Files.writeString(config, """
                dataDir: data
                accessLog: { file: access.log }
                reload: { watch: false }
                admin: { port: 0 }
                listeners:
                  - { name: http, address: 127.0.0.1, port: 0 }
                upstreams:
                  greeter: { endpoints: [ "h2c://127.0.0.1:%d" ] }
                routes:
                  - name: greeter
                    match: { path: "/demo.greeter.v1.Greeter/*" }
                    translator: grpc
                    backend:
                      upstream: greeter
                      # the descriptor set holds other demo services too; this route serves the Greeter only
                      services: [ demo.greeter.v1.Greeter ]
                      schema: { descriptorSets: [ "%s" ] }
                  - name: reflection-v1
                    match: { path: "/grpc.reflection.v1.ServerReflection/*" }
                    translator: grpc-reflection
                    backend: {}
                  - name: reflection-v1alpha
                    match: { path: "/grpc.reflection.v1alpha.ServerReflection/*" }
                    translator: grpc-reflection
                    backend: {}
                """.formatted(backendPort, descriptors.getFileName()));
        return config;
    }

    /** The descriptor set, copied out of the proto jar: the gateway and the clients read it as a file. */
    static Path descriptorSet(Path dir) throws IOException {
        Path file = dir.resolve("polygate-services.pb");
        if (!Files.exists(file)) {
            try (InputStream in = GreeterGatewayConfig.class.getClassLoader().getResourceAsStream(DESCRIPTORS)) {
                if (in == null) {
                    throw new IOException("the descriptor set " + DESCRIPTORS + " is not on the class path");
                }
                Files.copy(in, file);
            }
        }
        return file;
    }
}
