package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar reloading its file while clients keep sending: the route's upstream moves from one backend to
 * another, by SIGHUP and by the file watch. Every request gets a whole answer from one of the two, each
 * client's keep-alive connection lives through the reload, and every request sent after it reaches the new one.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReloadUnderLoadThroughJarTest {
    private static final int CLIENTS = 4;
    /** Answers each client must get before the reload and after it. */
    private static final int ANSWERS_EACH_SIDE = 25;

    @TempDir
    Path dir;
    static TestBackend oldBackend;
    static TestBackend newBackend;

    @BeforeAll
    static void startBackends() throws Exception {
        oldBackend = TestBackend.http1();
        newBackend = TestBackend.http1();
    }

    @AfterAll
    static void stopBackends() {
        oldBackend.close();
        newBackend.close();
    }

    @Test
    void aSighupMovesTheRouteWithoutFailingARequestOrDroppingAConnection() throws Exception {
        reloadUnderLoad(false, GatewayProcess::sendSighup, "SIGHUP");
    }

    @Test
    void rewritingTheWatchedFileMovesTheRouteWithoutFailingARequestOrDroppingAConnection() throws Exception {
        reloadUnderLoad(true, gateway -> { }, "file changed");
    }

    private interface Trigger {
        void fire(GatewayProcess gateway) throws Exception;
    }

    private static String config(boolean watch, String upstream) {
        return """
                dataDir: data
                accessLog: { enabled: false }
                reload: { watch: %s }
                admin: { enabled: false }
                listeners:
                  - { name: http, address: 127.0.0.1, port: 0 }
                upstreams:
                  old: { endpoints: [ "http://127.0.0.1:%d" ] }
                  new: { endpoints: [ "http://127.0.0.1:%d" ] }
                routes:
                  - name: work
                    match: { prefix: / }
                    backend: { upstream: %s }
                """.formatted(watch, oldBackend.port(), newBackend.port(), upstream);
    }

    private void reloadUnderLoad(boolean watch, Trigger afterRewrite, String reason) throws Exception {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, config(watch, "old"));
        String oldAnswer = String.valueOf(oldBackend.port());
        String newAnswer = String.valueOf(newBackend.port());
        try (GatewayProcess gateway = GatewayProcess.start(List.of("-Xmx64m"), "run", "--config", file.toString())) {
            List<KeepAliveClient> clients = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                KeepAliveClient client = new KeepAliveClient(gateway.port("http"));
                clients.add(client);
                Thread thread = new Thread(client, "reload-client-" + i);
                threads.add(thread);
                thread.start();
            }
            try {
                for (KeepAliveClient client : clients) {
                    client.awaitAnswers(ANSWERS_EACH_SIDE);
                }
                int from = gateway.lineCount();
                Files.writeString(file, config(watch, "new"));
                afterRewrite.fire(gateway);
                gateway.awaitLine("configuration reloaded (" + reason + ")", from, Duration.ofSeconds(60));
                clients.forEach(KeepAliveClient::markReload);
                for (KeepAliveClient client : clients) {
                    client.awaitAnswers(client.answersAtReload + 1 + ANSWERS_EACH_SIDE);
                }
            } finally {
                clients.forEach(KeepAliveClient::stop);
                for (Thread thread : threads) {
                    thread.join(TimeUnit.SECONDS.toMillis(30));
                }
            }
            for (KeepAliveClient client : clients) {
                List<String> answers = client.answers();
                assertThat(client.failure()).as("the client's one connection and every request on it").isNull();
                assertThat(answers).as("every answer is whole and from one of the backends")
                        .allMatch(a -> a.equals(oldAnswer) || a.equals(newAnswer));
                int firstNew = answers.indexOf(newAnswer);
                assertThat(answers.subList(0, ANSWERS_EACH_SIDE)).as("before the reload").containsOnly(oldAnswer);
                assertThat(firstNew).as("the new backend answers once reloaded").isPositive();
                assertThat(answers.subList(firstNew, answers.size())).as("no request goes back to the old one")
                        .containsOnly(newAnswer);
                // A request under way when the reload was seen may finish on the old route; the next was sent later.
                assertThat(answers.subList(client.answersAtReload + 1, answers.size())).as("sent after the reload")
                        .containsOnly(newAnswer);
            }
        }
    }

    /**
     * Sends {@code GET /port} again and again on one HTTP/1.1 keep-alive connection, reading each answer whole
     * (status 200, Content-Length, body), until stopped; any failure ends it and is kept.
     */
    private static final class KeepAliveClient implements Runnable {
        private static final int MAX_REQUESTS = 100_000;
        private final int port;
        private final List<String> answers = new ArrayList<>();
        private volatile boolean stopped;
        private volatile Throwable failure;
        /** The answers received when the gateway had said it reloaded. */
        volatile int answersAtReload;

        KeepAliveClient(int port) {
            this.port = port;
        }

        @Override
        public void run() {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = new BufferedInputStream(socket.getInputStream());
                byte[] request = "GET /port HTTP/1.1\r\nHost: reload.test\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
                for (int i = 0; i < MAX_REQUESTS && !stopped; i++) {
                    out.write(request);
                    out.flush();
                    String answer = readAnswer(in);
                    synchronized (answers) {
                        answers.add(answer);
                        answers.notifyAll();
                    }
                }
            } catch (Throwable e) {
                failure = e;
            } finally {
                synchronized (answers) {
                    stopped = true;
                    answers.notifyAll();
                }
            }
        }

        private static String readAnswer(InputStream in) throws IOException {
            String status = line(in);
            if (!status.startsWith("HTTP/1.1 200 ")) {
                throw new IOException("unexpected status line '" + status + "'");
            }
            int length = -1;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(header.substring(15).trim());
                }
            }
            if (length < 0) {
                throw new IOException("an answer without Content-Length");
            }
            byte[] body = in.readNBytes(length);
            if (body.length != length) {
                throw new IOException("the connection ended inside an answer");
            }
            return new String(body, StandardCharsets.US_ASCII);
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("the connection was closed");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        void awaitAnswers(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            synchronized (answers) {
                while (answers.size() < count && !stopped) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(answers, left);
                }
                assertThat(answers.size()).as("answers so far (failure: " + failure + ")").isGreaterThanOrEqualTo(count);
            }
        }

        void markReload() {
            synchronized (answers) {
                answersAtReload = answers.size();
            }
        }

        List<String> answers() {
            synchronized (answers) {
                return List.copyOf(answers);
            }
        }

        Throwable failure() {
            return failure;
        }

        void stop() {
            stopped = true;
        }
    }
}
