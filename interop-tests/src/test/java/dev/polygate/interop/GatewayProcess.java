package dev.polygate.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built gateway jar in its own JVM, as users run it: the black box under test. It runs with Netty's
 * paranoid leak detection, and {@link #close()} fails when its output holds a leak report.
 */
final class GatewayProcess implements AutoCloseable {
    /** The jar's own Netty and the copy shaded into grpc-netty-shaded read their levels under different names. */
    static final List<String> PARANOID_LEAK_DETECTION = List.of("-Dio.netty.leakDetection.level=paranoid",
            "-Dio.netty.leakDetection.targetRecords=8",
            "-Dio.grpc.netty.shaded.io.netty.leakDetection.level=paranoid");
    private static final Pattern LISTENER = Pattern.compile("listener (\\S+) on \\S+:(\\d+) ");
    /** The admin listener is reported as the port of the pseudo-listener "admin". */
    private static final Pattern ADMIN = Pattern.compile("^  (admin) on \\S+:(\\d+) ");
    private final Process process;
    private final Map<String, Integer> ports = new HashMap<>();
    private final List<String> output = new ArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final Thread reader;

    private GatewayProcess(List<String> command, Path workingDirectory) throws IOException {
        process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
        reader = new Thread(this::readOutput, "gateway-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The product jar. */
    static Path jar() {
        return built(System.getProperty("polygate.jar", "../edge/target/polygate.jar"));
    }

    /** The demo jar: the product plus the demo backends, which {@code gateway demo} needs. */
    static Path demoJar() {
        return built(System.getProperty("polygate.demoJar", "../demo/target/polygate-demo.jar"));
    }

    private static Path built(String path) {
        Path jar = Path.of(path);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the gateway jar is missing: " + jar + " (run mvn package first)");
        }
        return jar;
    }

    /** Runs {@code java -jar polygate.jar args...} (the product jar) to its end, for commands that do not serve. */
    static Finished runToEnd(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the gateway did not end:\n" + output);
        }
        return new Finished(process.exitValue(), output);
    }

    /** A command's exit status and everything it printed. */
    record Finished(int exitValue, String output) {
    }

    /**
     * Starts {@code java [jvmOptions] -jar polygate.jar args...} and waits for its start-up summary; the {@code demo}
     * command runs from the demo jar, as {@code ./gateway demo} does.
     */
    static GatewayProcess start(List<String> jvmOptions, String... args) throws Exception {
        return startIn(Path.of("").toAbsolutePath(), jvmOptions, args);
    }

    /** The same, with {@code workingDirectory} as the process's current directory. */
    static GatewayProcess startIn(Path workingDirectory, List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(PARANOID_LEAK_DETECTION);
        command.addAll(jvmOptions);
        command.add("-jar");
        Path jar = args.length > 0 && args[0].equals("demo") ? demoJar() : jar();
        command.add(jar.toAbsolutePath().toString());
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
                    output.notifyAll();
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

    /** The number of lines the gateway has written so far. */
    int lineCount() {
        synchronized (output) {
            return output.size();
        }
    }

    /** Waits for a line containing {@code fragment} among those written after the first {@code fromLine}. */
    String awaitLine(String fragment, int fromLine, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (true) {
                for (int i = fromLine; i < output.size(); i++) {
                    if (output.get(i).contains(fragment)) {
                        return output.get(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    throw new AssertionError("no line with '" + fragment + "' in:\n" + String.join("\n", output));
                }
                TimeUnit.NANOSECONDS.timedWait(output, left);
            }
        }
    }

    /** Sends SIGHUP, which asks the gateway to reload its configuration file. */
    void sendSighup() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -HUP " + process.pid() + " failed");
        }
    }

    /**
     * Sends SIGTERM, waits for the graceful shutdown, then fails if the gateway reported a leaked buffer. Leaks are
     * reported when the collector finds the lost buffer and a later allocation polls for it, so a running gateway
     * is first made to collect garbage, then to read a few bytes.
     */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            collectGarbage();
            pokeWithARequest();
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        List<String> leaks;
        synchronized (output) {
            leaks = NettyLeakReports.findIn(output);
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError("the gateway reported " + leaks.size() + " leak(s):\n"
                    + String.join("\n----\n", leaks));
        }
    }

    private void collectGarbage() throws InterruptedException {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(process.pid()), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run jcmd to collect the gateway's garbage", e);
        }
    }

    /** A request on any listener makes the gateway allocate buffers, and each allocation polls for leaks. */
    private void pokeWithARequest() {
        Integer port;
        synchronized (ports) {
            port = ports.values().stream().findFirst().orElse(null);
        }
        if (port == null) {
            return;
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /leak-probe HTTP/1.1\r\nHost: leak-probe\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.getInputStream().readAllBytes();
        } catch (IOException e) {
            // a TLS listener answers the plain request by closing; it has read the bytes all the same
        }
    }
}
