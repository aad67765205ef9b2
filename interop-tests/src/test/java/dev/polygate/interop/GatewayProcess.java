package dev.polygate.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The built gateway jar in its own JVM, as users run it: the black box under test. */
final class GatewayProcess implements AutoCloseable {
    private static final Pattern LISTENER = Pattern.compile("listener (\\S+) on \\S+:(\\d+) ");
    /** The admin listener is reported as the port of the pseudo-listener "admin". */
    private static final Pattern ADMIN = Pattern.compile("^  (admin) on \\S+:(\\d+) ");
    private final Process process;
    private final Map<String, Integer> ports = new HashMap<>();
    private final List<String> output = new ArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1);

    private GatewayProcess(List<String> command, Path workingDirectory) throws IOException {
        process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
        Thread reader = new Thread(this::readOutput, "gateway-output");
        reader.setDaemon(true);
        reader.start();
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("polygate.jar", "../edge/target/polygate.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the gateway jar is missing: " + jar + " (run mvn package first)");
        }
        return jar;
    }

    /** Starts {@code java [jvmOptions] -jar polygate.jar args...} and waits for its start-up summary. */
    static GatewayProcess start(List<String> jvmOptions, String... args) throws Exception {
        return startIn(Path.of("").toAbsolutePath(), jvmOptions, args);
    }

    /** The same, with {@code workingDirectory} as the process's current directory. */
    static GatewayProcess startIn(Path workingDirectory, List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toAbsolutePath().toString());
        command.addAll(List.of(args));
        GatewayProcess gateway = new GatewayProcess(command, workingDirectory);
        if (!gateway.started.await(60, TimeUnit.SECONDS)) {
            gateway.close();
            throw new IllegalStateException("the gateway did not start:\n" + gateway.output());
        }
        return gateway;
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                Matcher m = LISTENER.matcher(line);
                if (!m.find()) {
                    m = ADMIN.matcher(line);
                }
                if (m.find(0)) {
                    synchronized (ports) {
                        ports.put(m.group(1), Integer.parseInt(m.group(2)));
                    }
                }
                if (line.startsWith("  route ") || line.startsWith("  development CA") || line.startsWith("  admin")) {
                    started.countDown();
                }
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            started.countDown();
        }
    }

    int port(String listener) {
        synchronized (ports) {
            Integer port = ports.get(listener);
            if (port == null) {
                throw new IllegalStateException("no listener " + listener + " in:\n" + output());
            }
            return port;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Sends SIGTERM and waits for the graceful shutdown. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
