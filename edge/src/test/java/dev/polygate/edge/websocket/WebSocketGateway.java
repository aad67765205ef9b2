package dev.polygate.edge.websocket;

import dev.polygate.edge.testing.RunningGateway;
import java.nio.file.Path;

/** A gateway whose {@code routesYaml} may name the upstream {@code echo}: a Netty WebSocket echo backend it starts. */
final class WebSocketGateway implements AutoCloseable {
    final EchoWebSocketBackend backend;
    final RunningGateway gateway;

    /** @param yaml extra listeners first (indented as list items), then {@code routes:}; {@code %d} is the echo port */
    WebSocketGateway(Path dir, String yaml) throws Exception {
        this(dir, "", yaml);
    }

    /** @param upstreams more entries of {@code upstreams:}, each line indented by two spaces */
    WebSocketGateway(Path dir, String upstreams, String yaml) throws Exception {
        this(dir, upstreams, yaml, null);
    }

    /** @param tlsYaml the {@code tls:} of a listener named {@code https} beside {@code http}, or null for none */
    WebSocketGateway(Path dir, String upstreams, String yaml, String tlsYaml) throws Exception {
        backend = new EchoWebSocketBackend();
        RunningGateway started;
        try {
            int split = yaml.indexOf("routes:");
            started = RunningGateway.start(dir, tlsYaml, yaml.substring(0, split) + "upstreams:\n  echo: { endpoints: [ \"ws://127.0.0.1:"
                    + backend.port() + "\" ] }\n" + upstreams + yaml.substring(split));
        } catch (Exception e) {
            backend.close();
            throw e;
        }
        gateway = started;
    }

    int port() {
        return gateway.httpPort();
    }

    /** A new session on {@code path} opens and echoes: the gateway goes on serving after whatever came before. */
    void assertServes(String path) throws java.io.IOException {
        try (RawWebSocket ws = RawWebSocket.connect(port(), path, "")) {
            org.assertj.core.api.Assertions.assertThat(ws.status()).as(ws.responseHead()).isEqualTo(101);
            ws.sendText("again");
            org.assertj.core.api.Assertions.assertThat(ws.readMessage().text()).isEqualTo("again");
        }
    }

    @Override
    public void close() {
        gateway.close();
        backend.close();
    }
}
