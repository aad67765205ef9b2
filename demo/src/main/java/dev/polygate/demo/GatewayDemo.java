package dev.polygate.demo;

import dev.polygate.edge.EmbeddedBackends;
import dev.polygate.wsdl.calculator.CalculatorService;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What {@code gateway demo} runs in the gateway's process: an HTTP backend (with the browser page), the gRPC
 * Greeter, the JAX-WS Calculator and a WebSocket echo, and the configuration that routes to them. Listed in
 * {@code META-INF/services}, so the gateway finds it when this module is on the class path.
 */
public final class GatewayDemo implements EmbeddedBackends {
    /** Held so the level set on it stays in force (loggers are only weakly referenced). */
    private static final Logger QUIET_JAX_WS = Logger.getLogger("com.sun.xml.ws");

    @Override
    public Started start() throws Exception {
        // Stopped in the reverse order of their start, also when a later one fails to start.
        Deque<AutoCloseable> running = new ArrayDeque<>();
        AutoCloseable backends = () -> {
            while (!running.isEmpty()) {
                running.pop().close();
            }
        };
        try {
            DemoTokens tokens = DemoTokens.create();
            DemoBackend backend = DemoBackend.start("127.0.0.1", 0, tokens.jwksJson());
            running.push(backend);
            DemoGreeter greeter = DemoGreeter.start("127.0.0.1", 0);
            running.push(greeter);
            QUIET_JAX_WS.setLevel(Level.WARNING); // its start-up notes are noise in the demo
            CalculatorService calculator = CalculatorService.start();
            running.push(calculator);
            DemoWebSocketEcho echo = DemoWebSocketEcho.start("127.0.0.1", 0);
            running.push(echo);

            String yaml;
            try (InputStream in = GatewayDemo.class.getResourceAsStream("/dev/polygate/demo/demo.yaml")) {
                yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("${DEMO_BACKEND}", "127.0.0.1:" + backend.port())
                        .replace("${DEMO_GREETER}", "127.0.0.1:" + greeter.port())
                        .replace("${DEMO_CALCULATOR}", "127.0.0.1:" + calculator.port())
                        .replace("${DEMO_ECHO}", "127.0.0.1:" + echo.port());
            }
            return new Started(yaml, "demo backend on 127.0.0.1:" + backend.port()
                    + ", demo gRPC backend (demo.greeter.v1.Greeter) on 127.0.0.1:" + greeter.port()
                    + ", demo SOAP backend (Calculator, JAX-WS) on 127.0.0.1:" + calculator.port()
                    + ", demo WebSocket echo on 127.0.0.1:" + echo.port()
                    + "\ndemo consumer 'demo': API key demo-key, or this bearer token (a day long, signed by the key"
                    + " served at /.well-known/jwks.json):\n" + tokens.token(), backends);
        } catch (Exception e) {
            try {
                backends.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
