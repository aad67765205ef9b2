package dev.polygate.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * grpc-java's interop {@code TestServiceServer} (plaintext, ephemeral port) in its own JVM: the backend of the
 * gRPC interop cases. A separate process keeps its Netty away from this JVM's paranoid leak detection and from the
 * client under test, as a real backend would be.
 */
final class InteropServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("TestServiceServer listening on port (\\d+)");
    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private InteropServerProcess(List<String> command) throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(this::readOutput, "interop-server-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the server on a free port and waits until it listens. */
    static InteropServerProcess start() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", testClassPath(), "io.grpc.testing.integration.TestServiceServerLauncher",
                "--port=0", "--use_tls=false");
        InteropServerProcess server = new InteropServerProcess(command);
        try {
            server.port.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("the interop TestServiceServer did not start:\n" + server.output(), e);
        }
        return server;
    }

    /** Surefire runs tests from a manifest-only jar; the real class path is in its own property. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            port.completeExceptionally(new IllegalStateException("the server process ended"));
        }
    }

    int port() {
        return port.join();
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Closing its standard input is the launcher's signal to stop; a kill follows if it does not. */
    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
