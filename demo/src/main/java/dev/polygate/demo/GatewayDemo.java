package dev.polygate.demo;

import dev.polygate.edge.EmbeddedBackends;
import dev.polygate.wsdl.calculator.CalculatorService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What {@code gateway demo} runs in the gateway's process: an HTTP backend (with the browser page), the gRPC
 * Greeter and the JAX-WS Calculator, and the configuration that routes to them. Listed in
 * {@code META-INF/services}, so the gateway finds it when this module is on the class path.
 */
public final class GatewayDemo implements EmbeddedBackends {
    /** Held so the level set on it stays in force (loggers are only weakly referenced). */
    private static final Logger QUIET_JAX_WS = Logger.getLogger("com.sun.xml.ws");

    @Override
    public Started start() throws Exception {
        DemoBackend backend = DemoBackend.start("127.0.0.1", 0);
        DemoGreeter greeter;
        CalculatorService calculator;
        try {
            greeter = DemoGreeter.start("127.0.0.1", 0);
        } catch (IOException | RuntimeException e) {
            backend.close();
            throw e;
        }
        try {
            QUIET_JAX_WS.setLevel(Level.WARNING); // its start-up notes are noise in the demo
            calculator = CalculatorService.start();
        } catch (RuntimeException e) {
            greeter.close();
            backend.close();
            throw e;
        }
        AutoCloseable backends = () -> {
            calculator.close();
            greeter.close();
            backend.close();
        };
        String yaml;
        try (InputStream in = GatewayDemo.class.getResourceAsStream("/dev/polygate/demo/demo.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${DEMO_BACKEND}", "127.0.0.1:" + backend.port())
                    .replace("${DEMO_GREETER}", "127.0.0.1:" + greeter.port())
                    .replace("${DEMO_CALCULATOR}", "127.0.0.1:" + calculator.port());
        } catch (IOException | RuntimeException e) {
            backends.close();
            throw e;
        }
        return new Started(yaml, "demo backend on 127.0.0.1:" + backend.port()
                + ", demo gRPC backend (demo.greeter.v1.Greeter) on 127.0.0.1:" + greeter.port()
                + ", demo SOAP backend (Calculator, JAX-WS) on 127.0.0.1:" + calculator.port(), backends);
    }
}
