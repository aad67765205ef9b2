package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.testing.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several gateway processes (the built jar) sharing one global limit through one Redis: a burst from many
 * concurrent clients spread over the gateways lets through exactly the limit, no more; with Redis stopped, a
 * fail-open gateway lets requests through and a fail-closed one refuses them with 503, and both count again once
 * Redis is back.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class GlobalRateLimitThroughJarTest {
    /** The shared limit: 60 per hour, so one more comes back only after a minute, longer than the burst lasts. */
    private static final int LIMIT = 60;
    private static final int GATEWAYS = 3;
    private static final int CLIENTS = 24;
    private static final int REQUESTS_EACH = 20;

    @TempDir
    Path dir;
    static TestBackend backend;

    @BeforeAll
    static void startBackend() throws Exception {
        backend = TestBackend.http1();
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    private GatewayProcess gateway(String name, RedisServer redis, String failure) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        Path file = home.resolve("gateway.yaml");
        Files.writeString(file, """
                dataDir: data
                accessLog: { enabled: false }
                reload: { watch: false }
                admin: { enabled: false }
                listeners:
                  - { name: http, address: 127.0.0.1, port: 0 }
                upstreams:
                  backend: { endpoints: [ "http://127.0.0.1:%d" ] }
                routes:
                  - name: shared
                    match: { prefix: / }
                    backend: { upstream: backend }
                    policies:
                      - rateLimit:
                          key: route
                          scope: global
                          redis: { uri: "%s", timeout: 2s, failure: %s }
                          limits: [ { name: shared, requests: %d, per: 1h } ]
                """.formatted(backend.port(), redis.uri(), failure, LIMIT));
        return GatewayProcess.startIn(home, List.of("-Xmx128m"), "run", "--config", file.toString());
    }

    @Test
    void gatewaysSharingALimitLetThroughExactlyTheLimitAcrossABurstFromManyClients() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            List<GatewayProcess> gateways = new ArrayList<>();
            try {
                for (int i = 0; i < GATEWAYS; i++) {
                    gateways.add(gateway("node" + i, redis, "closed"));
                }
                Map<Integer, AtomicInteger> statuses = burst(gateways);
                assertThat(statuses.keySet()).as("only answers and refusals: %s", statuses).containsOnly(200, 429);
                assertThat(statuses.get(200).get()).as("let through by %d gateways together", GATEWAYS).isEqualTo(LIMIT);
                assertThat(statuses.get(429).get()).isEqualTo(CLIENTS * REQUESTS_EACH - LIMIT);
            } finally {
                for (GatewayProcess gateway : gateways) {
                    gateway.close();
                }
            }
        }
    }

    /** Every client sends its requests one after another, to the gateways in turn; all start together. */
    private static Map<Integer, AtomicInteger> burst(List<GatewayProcess> gateways) throws Exception {
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Exception> failures = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.execute(() -> {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    try {
                        start.await();
                        for (int i = 0; i < REQUESTS_EACH; i++) {
                            GatewayProcess gateway = gateways.get((client + i) % gateways.size());
                            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(
                                            "http://127.0.0.1:" + gateway.port("http") + "/hello"))
                                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
                            statuses.computeIfAbsent(answer.statusCode(), unused -> new AtomicInteger()).incrementAndGet();
                        }
                    } catch (Exception e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                });
            }
            start.countDown();
        } finally {
            clients.shutdown();
            assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(failures).isEmpty();
        return statuses;
    }

    @Test
    void withRedisStoppedOneGatewayFailsOpenTheOtherClosedAndBothCountAgainOnceItIsBack() throws Exception {
        try (RedisServer redis = RedisServer.start();
             GatewayProcess open = gateway("open", redis, "open");
             GatewayProcess closed = gateway("closed", redis, "closed")) {
            HttpClient http = HttpClient.newHttpClient();
            assertThat(status(http, open)).isEqualTo(200);
            assertThat(status(http, closed)).isEqualTo(200);

            redis.stop();
            assertThat(status(http, open)).as("fail open").isEqualTo(200);
            assertThat(status(http, closed)).as("fail closed").isEqualTo(503);
            int from = open.lineCount();
            assertThat(open.awaitLine("does not answer", 0, Duration.ofSeconds(10))).contains("failure mode");

            redis.restart();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (status(http, closed) != 200 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            assertThat(status(http, closed)).isEqualTo(200);
            assertThat(redis.command("GET", "polygate:rl:{route=shared}:shared:g:" + LIMIT + "/3600s:" + LIMIT))
                    .as("counted in the restarted Redis").isNotEmpty();
            assertThat(status(http, open)).isEqualTo(200);
            assertThat(open.awaitLine("answers again", from, Duration.ofSeconds(30))).contains("could not be checked");
        }
    }

    private static int status(HttpClient http, GatewayProcess gateway) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port("http") + "/hello"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
