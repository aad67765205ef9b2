package dev.polygate.edge.testing;

import dev.polygate.edge.config.ConfigLoader;
import dev.polygate.edge.config.GatewayConfig;
import dev.polygate.edge.server.GatewayServer;
import java.nio.file.Path;

/** A gateway started from YAML on ephemeral ports, for tests. */
public final class RunningGateway implements AutoCloseable {
    private final GatewayServer server;

    private RunningGateway(GatewayServer server) {
        this.server = server;
    }

    /** Listeners named {@code http} (cleartext) and, if {@code tlsYaml} is given, {@code https}. */
    public static RunningGateway start(Path dataDir, String tlsYaml, String routesYaml) throws Exception {
        String yaml = "dataDir: " + dataDir + "\n"
                + "accessLog: { enabled: false }\n"
                + "reload: { watch: false }\n"
                + "drainTimeout: 5s\n"
                + "admin: { port: 0 }\n"
                + "listeners:\n"
                + "  - { name: http, address: 127.0.0.1, port: 0 }\n"
                + (tlsYaml == null ? "" : "  - { name: https, address: 127.0.0.1, port: 0, tls: " + tlsYaml + " }\n")
                + routesYaml;
        GatewayConfig config = ConfigLoader.parse(yaml, null, dataDir);
        return new RunningGateway(GatewayServer.start(config));
    }

    public static RunningGateway of(GatewayServer server) {
        return new RunningGateway(server);
    }

    public GatewayServer server() {
        return server;
    }

    public int httpPort() {
        return server.port("http");
    }

    public int httpsPort() {
        return server.port("https");
    }

    @Override
    public void close() {
        server.close();
    }
}
