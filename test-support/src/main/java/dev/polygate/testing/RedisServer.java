package dev.polygate.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away Redis for tests: Debian's {@code redis-server} (installed by {@code .ci/install-redis.sh}) on a free
 * loopback port, without persistence, in a directory of its own. It can be stopped and started again on the same
 * port, started as a one-node cluster, or watched by a Sentinel. Without {@code redis-server} the test is skipped,
 * and fails instead when {@code CI=true}.
 */
public final class RedisServer implements AutoCloseable {
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final Path directory;
    private final List<String> extraArguments;
    private final int port;
    private Process process;

    private RedisServer(Path directory, int port, List<String> extraArguments) {
        this.directory = directory;
        this.port = port;
        this.extraArguments = List.copyOf(extraArguments);
    }

    /** A standalone server. */
    public static RedisServer start() throws IOException, InterruptedException {
        return start(List.of());
    }

    /** A one-node Redis Cluster holding every slot, as a cluster client sees a real one. */
    public static RedisServer startCluster() throws IOException, InterruptedException {
        RedisServer server = start(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf"));
        server.command("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (!server.command("CLUSTER", "INFO").contains("cluster_state:ok")) {
            if (System.nanoTime() > deadline) {
                server.close();
                throw new IllegalStateException("the one-node cluster did not become ready");
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return server;
    }

    /** A Sentinel watching {@code master} under the name {@code masterName}. */
    public static RedisServer startSentinel(RedisServer master, String masterName) throws IOException,
            InterruptedException {
        Path directory = Files.createTempDirectory("polygate-sentinel-");
        Path config = directory.resolve("sentinel.conf");
        Files.writeString(config, "sentinel monitor " + masterName + " 127.0.0.1 " + master.port() + " 1\n"
                + "sentinel down-after-milliseconds " + masterName + " 5000\n");
        return launch(directory, List.of(config.toString(), "--sentinel"));
    }

    private static RedisServer start(List<String> extra) throws IOException, InterruptedException {
        return launch(Files.createTempDirectory("polygate-redis-"), extra);
    }

    private static RedisServer launch(Path directory, List<String> extra) throws IOException, InterruptedException {
        String binary = binary();
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            RedisServer server = new RedisServer(directory, freePort(), extra);
            try {
                server.run(binary);
                return server;
            } catch (IOException e) {
                last = e; // the port was taken between finding it and binding it: another one
                server.stopProcess();
            }
        }
        throw last;
    }

    private static String binary() {
        for (String candidate : new String[] {"/usr/bin/redis-server", "/usr/local/bin/redis-server"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        String message = "redis-server is not installed: run .ci/install-redis.sh (Debian's redis-server)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        Assumptions.assumeTrue(false, message);
        throw new IllegalStateException(message);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void run(String binary) throws IOException, InterruptedException {
        boolean sentinel = extraArguments.contains("--sentinel");
        List<String> command = new ArrayList<>(List.of(binary));
        if (sentinel) {
            command.add(extraArguments.get(0)); // its configuration file comes first, and Sentinel rewrites it
        } else {
            command.addAll(List.of("--save", "", "--appendonly", "no", "--enable-debug-command", "local"));
        }
        command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", directory.toString(),
                "--daemonize", "no", "--logfile", directory.resolve("redis.log").toString()));
        command.addAll(sentinel ? List.of("--sentinel") : extraArguments);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("redis.out").toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("redis-server on port " + port + " ended: " + log());
            }
            try {
                if (command("PING").equals("PONG")) {
                    return;
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("redis-server on port " + port + " did not answer: " + log(), e);
                }
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private String log() {
        try {
            Path log = directory.resolve("redis.log");
            return Files.exists(log) ? Files.readString(log) : Files.readString(directory.resolve("redis.out"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the server (its data is gone), keeping its port for {@link #restart()}. */
    public void stop() throws InterruptedException {
        stopProcess();
    }

    /** Starts the server again on the same port, empty. */
    public void restart() throws IOException, InterruptedException {
        if (isRunning()) {
            throw new IllegalStateException("redis-server on port " + port + " is running");
        }
        run(binary());
    }

    private void stopProcess() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Sends one command and returns its reply as text: a status or bulk string as it is, an integer in decimal, an
     * array as its elements, one per line. An error reply is thrown.
     */
    public String command(String... arguments) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*").append(arguments.length).append("\r\n");
            for (String argument : arguments) {
                byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
                request.append('$').append(bytes.length).append("\r\n").append(argument).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return reply(new BufferedInputStream(socket.getInputStream()));
        }
    }

    private static String reply(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        switch (type) {
            case '+':
            case ':':
                return line;
            case '-':
                throw new IOException("Redis answered: " + line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return "";
                }
                String value = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                line(in);
                return value;
            }
            case '*': {
                int count = Integer.parseInt(line);
                List<String> items = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(reply(in));
                }
                return String.join("\n", items);
            }
            default:
                throw new IOException("not a Redis reply: " + (char) type + line);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("Redis closed the connection");
            }
            line.append((char) c);
        }
        in.read();
        return line.toString();
    }

    @Override
    public void close() throws InterruptedException {
        stopProcess();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind harms nothing
        }
    }
}
