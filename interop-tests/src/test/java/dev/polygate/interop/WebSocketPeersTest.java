package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The built gateway's websocket translator between WebSocket peers nobody here wrote: Debian's python3-websockets
 * and npm's ws, each as client and as echo backend, in every pairing. Each client checks text, binary, a fragmented
 * message, 200 kB, a ping answered end to end, the backend's subprotocol, and its Close 4000 coming back.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebSocketPeersTest {
    @TempDir
    static Path dir;
    static WebSocketPeers.Backend python;
    static WebSocketPeers.Backend node;
    static GatewayProcess gateway;

    @BeforeAll
    static void start() throws Exception {
        WebSocketPeers.requireInstalled();
        python = new WebSocketPeers.Backend("python");
        node = new WebSocketPeers.Backend("node");
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, LocalGatewayConfig.yaml("""
                python: { endpoints: [ "ws://127.0.0.1:%d" ] }
                node: { endpoints: [ "ws://127.0.0.1:%d" ] }
                """.formatted(python.port, node.port), """
                - name: python
                  match: { prefix: /python }
                  translator: websocket
                  backend: { upstream: python }
                - name: node
                  match: { prefix: /node }
                  translator: websocket
                  backend: { upstream: node }
                """));
        gateway = GatewayProcess.start(List.of("-Xmx64m"), "run", "--config", config.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (python != null) {
            python.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @ParameterizedTest(name = "{0} client -> gateway -> {1} backend")
    @CsvSource({"python, python", "python, node", "node, python", "node, node"})
    void echoesThroughTheGateway(String client, String backend) throws Exception {
        String url = "ws://127.0.0.1:" + gateway.port("http") + "/" + backend + "/echo";
        ClientRun run = ClientRun.run(WebClientTools.project(), dir.resolve("runs"), Map.of(), Duration.ofSeconds(60),
                WebSocketPeers.command(client, "client", url));
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).as(run.describe()).contains("SUBPROTOCOL chat", "TEXT ok", "BINARY ok",
                "FRAGMENTED ok", "BIG ok", "PONG abc", "CLOSE 4000", "OK");
        if (client.equals("node")) {
            // ws offers permessage-deflate; the gateway agrees, and inflates and deflates at the edge
            assertThat(run.stdout()).as(run.describe()).contains("EXTENSIONS permessage-deflate");
        }
    }
}
