package dev.polygate.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.edge.config.ConfigLoader;
import dev.polygate.edge.runtime.ConfigReloader;
import dev.polygate.edge.server.GatewayServer;
import dev.polygate.policies.auth.consumers.PasswordHashes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials belong to their configuration: a reload reads key files afresh, and the password-checking pool, kept
 * across reloads while a configuration checks passwords, stops once none does.
 */
class CredentialsReloadTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String POOL_THREADS = "polygate-auth-";

    @TempDir
    Path dir;
    private GatewayServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String yaml(boolean authenticated) {
        return "dataDir: " + dir + "\naccessLog: { enabled: false }\nreload: { watch: false }\ndrainTimeout: 200ms\n"
                + "admin: { enabled: false }\n"
                + "listeners: [ { name: http, address: 127.0.0.1, port: 0 } ]\n"
                + "consumers:\n"
                + "  - name: alice\n"
                + "    credentials:\n"
                + "      apiKeys: [ { file: alice.key } ]\n"
                + "      basic: { username: alice, passwordHash: \"" + PasswordHashes.bcrypt("alice-pass", 4) + "\" }\n"
                + "routes:\n"
                + "  - name: echo\n"
                + "    match: { prefix: / }\n"
                + "    translator: test-echo\n"
                + "    backend: {}\n"
                + (authenticated ? "    policies: [ auth: { anyOf: [ apiKey: { header: x-api-key }, basic: {} ] } ]\n" : "");
    }

    private int get(String header, String value) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port("http") + "/x"))
                .header(header, value).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static long poolThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith(POOL_THREADS)).count();
    }

    @Test
    void aReloadReadsKeyFilesAfreshAndThePoolStopsWithTheLastConfigurationUsingIt() throws Exception {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(dir.resolve("alice.key"), "first-key\n");
        Files.writeString(file, yaml(true));
        server = GatewayServer.start(ConfigLoader.load(file));
        ConfigReloader reloader = new ConfigReloader(file, server::reload, new PrintStream(new ByteArrayOutputStream()));
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:alice-pass".getBytes(StandardCharsets.UTF_8));

        assertThat(get("x-api-key", "first-key")).isEqualTo(200);
        assertThat(get("authorization", basic)).isEqualTo(200);
        assertThat(poolThreads()).isPositive();

        Files.writeString(dir.resolve("alice.key"), "second-key\n");
        assertThat(reloader.reload("test")).isTrue();
        assertThat(get("x-api-key", "first-key")).isEqualTo(401);
        assertThat(get("x-api-key", "second-key")).isEqualTo(200);
        assertThat(get("authorization", basic)).as("the pool kept across the reload").isEqualTo(200);

        Files.writeString(file, yaml(false));
        assertThat(reloader.reload("test")).isTrue();
        assertThat(get("x-api-key", "anything")).isEqualTo(200);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (poolThreads() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertThat(poolThreads()).as("the pool stopped with the last configuration checking passwords").isZero();
    }
}
