package dev.polygate.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket peers nobody here wrote: Debian's python3-websockets and npm's {@code ws} (in
 * {@code interop-tests/web-clients}), each as a client and as an echo backend ({@code web-clients/websocket}).
 * Installed by {@code web-clients/install.sh}; missing ones fail the tests in CI ({@code CI=true}) and skip them
 * elsewhere, as for the gRPC-Web clients.
 */
final class WebSocketPeers {
    static final String PYTHON = "/usr/bin/python3";

    private WebSocketPeers() {
    }

    static Path scripts() {
        return WebClientTools.project().resolve("websocket");
    }

    static void requireInstalled() throws Exception {
        List<String> missing = new ArrayList<>();
        if (WebClientTools.node() == null) {
            missing.add("node is not on the PATH");
        } else if (!Files.isDirectory(WebClientTools.project().resolve("node_modules/ws"))) {
            missing.add("npm ws is not installed in " + WebClientTools.project());
        }
        if (!Files.isExecutable(Path.of(PYTHON)) || new ProcessBuilder(PYTHON, "-c", "import websockets")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() != 0) {
            missing.add("Debian's python3-websockets is not installed");
        }
        WebClientTools.failOrSkipIfMissing("WebSocket peers", missing);
    }

    /** The command running {@code script} of a peer kind: {@code python} or {@code node}. */
    static List<String> command(String kind, String script, String... args) {
        List<String> command = new ArrayList<>();
        command.add(kind.equals("python") ? PYTHON : WebClientTools.node());
        command.add(scripts().resolve(kind.equals("python") ? script + ".py" : script.replace('_', '-') + ".mjs").toString());
        command.addAll(List.of(args));
        return command;
    }

    /** An echo backend process, up once it printed its port. */
    static final class Backend implements AutoCloseable {
        private final Process process;
        final int port;

        Backend(String kind) throws IOException {
            process = new ProcessBuilder(command(kind, "echo_server")).directory(WebClientTools.project().toFile())
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null && !line.startsWith("PORT ")) {
                seen.append(line).append('\n');
            }
            if (line == null) {
                throw new IllegalStateException(kind + " echo backend did not start:\n" + seen);
            }
            port = Integer.parseInt(line.substring(5).trim());
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
