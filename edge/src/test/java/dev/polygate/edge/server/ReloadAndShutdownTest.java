package dev.polygate.edge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polygate.edge.config.ConfigLoader;
import dev.polygate.edge.runtime.ConfigReloader;
import dev.polygate.edge.testing.RunningGateway;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reload swaps routes under a running request; shutdown lets an in-flight request finish. */
class ReloadAndShutdownTest {
    @TempDir
    Path dir;

    private static String config(Path dataDir, String routeName) {
        return "dataDir: " + dataDir + "\naccessLog: { enabled: false }\nreload: { watch: false }\ndrainTimeout: 10s\n"
                + "admin: { enabled: false }\nlisteners:\n  - { name: http, address: 127.0.0.1, port: 0 }\n"
                + "routes:\n  - name: " + routeName + "\n    match: { prefix: /work }\n    translator: test-echo\n"
                + "    backend: {}\n";
    }

    /** Starts a POST whose body is fed by the test, so the exchange stays open until the test says so. */
    private static CompletableFuture<HttpResponse<String>> slowUpload(HttpClient client, int port,
                                                                     SubmissionPublisher<ByteBuffer> body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/work/upload"))
                .POST(HttpRequest.BodyPublishers.fromPublisher(body)).timeout(Duration.ofSeconds(30)).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitInFlight(RunningGateway gateway, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (gateway.server().inFlight() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(gateway.server().inFlight()).isGreaterThanOrEqualTo(count);
    }

    /** A SubmissionPublisher drops what is submitted before the client subscribes. */
    private static void awaitSubscriber(SubmissionPublisher<ByteBuffer> body) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (body.getNumberOfSubscribers() == 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(body.getNumberOfSubscribers()).isPositive();
    }

    @Test
    void reloadChangesARouteWhileALongRequestOnTheOldRouteCompletes() throws Exception {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, config(dir, "old-route"));
        try (RunningGateway gateway = new RunningGatewayFromFile(file).start()) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            SubmissionPublisher<ByteBuffer> body = new SubmissionPublisher<>();
            var longRequest = slowUpload(client, gateway.httpPort(), body);
            awaitInFlight(gateway, 1);
            awaitSubscriber(body);
            body.submit(ByteBuffer.wrap("first part;".getBytes(StandardCharsets.UTF_8)));

            ByteArrayOutputStream console = new ByteArrayOutputStream();
            ConfigReloader reloader = new ConfigReloader(file, gateway.server()::reload, new PrintStream(console, true));
            Files.writeString(file, config(dir, "new-route"));
            assertThat(reloader.reload("test")).isTrue();

            HttpClient other = HttpClient.newHttpClient();
            var fresh = other.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + "/work/x"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(fresh.body()).contains("\"route\":\"new-route\"");

            // An invalid file is reported and the running configuration keeps serving.
            Files.writeString(file, "routes: [ { match: { pth: /x } } ]");
            assertThat(reloader.reload("test")).isFalse();
            assertThat(console.toString()).contains("NOT reloaded", "routes[0].match.pth");

            body.submit(ByteBuffer.wrap("second part".getBytes(StandardCharsets.UTF_8)));
            body.close();
            HttpResponse<String> finished = longRequest.get(10, TimeUnit.SECONDS);
            assertThat(finished.statusCode()).isEqualTo(200);
            assertThat(finished.body()).contains("\"route\":\"old-route\"").endsWith("first part;second part");
        }
    }

    @Test
    void gracefulShutdownCompletesAnInFlightRequest() throws Exception {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, config(dir, "work"));
        RunningGateway gateway = new RunningGatewayFromFile(file).start();
        int port = gateway.httpPort();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        SubmissionPublisher<ByteBuffer> body = new SubmissionPublisher<>();
        var inFlight = slowUpload(client, port, body);
        awaitInFlight(gateway, 1);
        awaitSubscriber(body);
        body.submit(ByteBuffer.wrap("before;".getBytes(StandardCharsets.UTF_8)));

        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(gateway::close);
        // New connections are refused while the old exchange drains.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        boolean refused = false;
        while (!refused && System.nanoTime() < deadline) {
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (IOException e) {
                refused = true;
            }
        }
        assertThat(refused).isTrue();
        assertThat(shutdown).isNotDone();

        body.submit(ByteBuffer.wrap("after".getBytes(StandardCharsets.UTF_8)));
        body.close();
        HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).endsWith("before;after");
        shutdown.get(15, TimeUnit.SECONDS);
        assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
    }

    /** Starts a gateway from a file, as {@code gateway run --config} does. */
    private record RunningGatewayFromFile(Path file) {
        RunningGateway start() throws Exception {
            return RunningGateway.of(GatewayServer.start(ConfigLoader.load(file)));
        }
    }
}
