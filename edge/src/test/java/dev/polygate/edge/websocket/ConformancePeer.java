package dev.polygate.edge.websocket;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The echo backend nobody here wrote behind the conformance suite's passthrough route: Debian's python3-websockets
 * running the interop tests' echo server ({@code interop-tests/web-clients/websocket/echo_server.py}). Installed by
 * {@code interop-tests/web-clients/install.sh}; missing, it fails the suite in CI ({@code CI=true}) and skips it
 * elsewhere, as for the interop tests' peers.
 */
final class ConformancePeer implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";
    private final Process process;
    final int port;

    private ConformancePeer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ConformancePeer startPythonEcho() throws Exception {
        Path script = Path.of("..", "interop-tests", "web-clients", "websocket", "echo_server.py").toAbsolutePath().normalize();
        if (!Files.isExecutable(Path.of(PYTHON)) || new ProcessBuilder(PYTHON, "-c", "import websockets")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() != 0) {
            String message = "Debian's python3-websockets is missing. Run interop-tests/web-clients/install.sh "
                    + "(CI's script does).";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        Process process = new ProcessBuilder(PYTHON, script.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("PORT ")) {
            seen.append(line).append('\n');
        }
        if (line == null) {
            process.destroyForcibly();
            throw new IOException("the python3-websockets echo backend did not start:\n" + seen);
        }
        // Keep reading its output so that a chatty backend never blocks on a full pipe.
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discarded
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "python-echo-output");
        drain.setDaemon(true);
        drain.start();
        return new ConformancePeer(process, Integer.parseInt(line.substring(5).trim()));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
