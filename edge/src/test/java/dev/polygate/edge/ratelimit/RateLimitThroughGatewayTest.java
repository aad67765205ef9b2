package dev.polygate.edge.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.edge.testing.RunningGateway;
import dev.polygate.testing.RedisServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rateLimit} through a real gateway and real HTTP clients: the 429 with {@code Retry-After} and the
 * {@code RateLimit} fields as draft-ietf-httpapi-ratelimit-headers-11 shapes them, the fields on every answer, two
 * limits at once, shadow mode, keys by consumer, client address and header, and limits shared by two gateways
 * through Redis, with Redis stopped and started again under them.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RateLimitThroughGatewayTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    @TempDir
    Path dir;
    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    private RunningGateway gateway(String policies) throws Exception {
        return gateway(dir, policies);
    }

    private RunningGateway gateway(Path dataDir, String policies) throws Exception {
        RunningGateway gateway = RunningGateway.start(dataDir, null, """
                routes:
                  - name: items
                    match: { prefix: /items }
                    translator: test-echo
                    backend: {}
                    policies:
                """ + policies);
        running.add(gateway);
        return gateway;
    }

    private static HttpResponse<String> get(RunningGateway gateway, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
                .timeout(TIMEOUT);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void aSpentLimitIsA429WithRetryAfterAndTheFieldsAndEverySuccessCarriesThemToo() throws Exception {
        RunningGateway gateway = gateway("""
                      - rateLimit:
                          key: ip
                          limits:
                            - { name: burst, requests: 3, per: 60s }
                            - { name: daily, requests: 100, per: 1d, algorithm: slidingWindow }
                """);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> ok = get(gateway, "/items/" + i);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("\"path\":\"/items/" + i + "\"");
            assertThat(header(ok, "RateLimit-Policy")).isEqualTo("\"burst\";q=3;w=60, \"daily\";q=100;w=86400");
            ServiceLimits.parse(header(ok, "RateLimit")).has("burst", 2 - i, i == 2 ? 20 : 20 * (i + 1))
                    .within("daily", 99 - i, 86400);
        }
        HttpResponse<String> refused = get(gateway, "/items/4");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(header(refused, "content-type")).isEqualTo("application/problem+json");
        assertThat(refused.body()).contains("\"code\":\"RATE_LIMITED\"").contains("'burst' allows 3 per 60s");
        assertThat(Long.parseLong(header(refused, "Retry-After"))).isBetween(10L, 20L);
        assertThat(header(refused, "RateLimit-Policy")).isEqualTo("\"burst\";q=3;w=60, \"daily\";q=100;w=86400");
        ServiceLimits.parse(header(refused, "RateLimit")).has("burst", 0, 20).within("daily", 97, 86400);
    }

    @Test
    void whicheverOfTwoLimitsIsSpentRefusesAndARefusalCountsAgainstNeither() throws Exception {
        RunningGateway gateway = gateway("""
                      - rateLimit:
                          key: ip
                          limits:
                            - { name: perSecond, requests: 50, per: 1s }
                            - { name: quota, requests: 2, per: 1d, algorithm: slidingWindow }
                """);
        assertThat(get(gateway, "/items/a").statusCode()).isEqualTo(200);
        assertThat(get(gateway, "/items/b").statusCode()).isEqualTo(200);
        HttpResponse<String> refused = get(gateway, "/items/c");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("'quota' allows 2 per 86400s");
        assertThat(Long.parseLong(header(refused, "Retry-After"))).isGreaterThan(60);
        assertThat(header(refused, "RateLimit")).matches("\"perSecond\";r=(4[89]|50);t=1, \"quota\";r=0;t=\\d+");
    }

    @Test
    void shadowModeCountsAndTellsButLetsEverythingThrough() throws Exception {
        RunningGateway gateway = gateway("""
                      - rateLimit: { key: ip, shadow: true, limits: [ { requests: 1, per: 1h } ] }
                """);
        ServiceLimits.parse(header(get(gateway, "/items/1"), "RateLimit")).has("default", 0, 3600);
        HttpResponse<String> over = get(gateway, "/items/2");
        assertThat(over.statusCode()).isEqualTo(200);
        ServiceLimits.parse(header(over, "RateLimit")).has("default", 0, 3600);
        assertThat(header(over, "Retry-After")).isNull();
    }

    @Test
    void keysByConsumerFallBackToTheClientAddressWithoutOne() throws Exception {
        RunningGateway gateway = gateway("""
                      - testPrincipal: { header: x-user }
                      - rateLimit: { key: consumer, limits: [ { requests: 1, per: 1h } ] }
                """);
        assertThat(get(gateway, "/items/1", "x-user", "alice").statusCode()).isEqualTo(200);
        assertThat(get(gateway, "/items/2", "x-user", "alice").statusCode()).isEqualTo(429);
        assertThat(get(gateway, "/items/3", "x-user", "bob").statusCode()).isEqualTo(200);
        assertThat(get(gateway, "/items/4").statusCode()).as("anonymous: by address").isEqualTo(200);
        assertThat(get(gateway, "/items/5").statusCode()).isEqualTo(429);
    }

    @Test
    void keysByClaimAndByHeader() throws Exception {
        RunningGateway gateway = gateway("""
                      - testPrincipal: { header: x-user }
                      - rateLimit: { key: "header:x-api-key", limits: [ { name: apiKey, requests: 1, per: 1h } ] }
                      - rateLimit: { key: "claim:tenant", limits: [ { name: tenant, requests: 2, per: 1h } ] }
                """);
        HttpResponse<String> first = get(gateway, "/items/1", "x-user", "a", "x-tenant", "acme", "x-api-key", "k1");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().allValues("RateLimit")).as("each policy adds its own field line")
                .containsExactly("\"tenant\";r=1;t=1800", "\"apiKey\";r=0;t=3600");
        assertThat(get(gateway, "/items/2", "x-user", "b", "x-tenant", "acme", "x-api-key", "k1").statusCode())
                .as("the same key, refused before the tenant's limit counts it").isEqualTo(429);
        assertThat(get(gateway, "/items/3", "x-user", "b", "x-tenant", "acme", "x-api-key", "k2").statusCode())
                .isEqualTo(200);
        HttpResponse<String> tenantSpent = get(gateway, "/items/4", "x-user", "c", "x-tenant", "acme", "x-api-key", "k3");
        assertThat(tenantSpent.statusCode()).as("the tenant's two are spent").isEqualTo(429);
        assertThat(header(tenantSpent, "RateLimit")).startsWith("\"tenant\";r=0;");
    }

    @Test
    void keysByClientAddressCountEachAddressOnItsOwn() throws Exception {
        RunningGateway gateway = gateway("""
                      - rateLimit: { key: ip, limits: [ { requests: 1, per: 1h } ] }
                """);
        assertThat(statusFrom("127.0.0.2", gateway.httpPort())).isEqualTo(200);
        assertThat(statusFrom("127.0.0.2", gateway.httpPort())).isEqualTo(429);
        assertThat(statusFrom("127.0.0.3", gateway.httpPort())).isEqualTo(200);
        assertThat(statusFrom("127.0.0.1", gateway.httpPort())).isEqualTo(200);
    }

    /** One GET from a socket bound to {@code source} (any 127.x address is this machine's loopback). */
    private static int statusFrom(String source, int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(source), 0)) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write("GET /items/x HTTP/1.1\r\nhost: test\r\nconnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(answer.substring(9, 12));
        }
    }

    @Test
    void twoGatewaysShareAGlobalLimitThroughRedisAndFollowTheFailureModeWhileItIsDown() throws Exception {
        RedisServer redis = RedisServer.start();
        running.add(redis);
        RunningGateway open = sharing(redis, "a", "2s", "open", 4);
        RunningGateway closed = sharing(redis, "b", "2s", "closed", 4);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(get(i % 2 == 0 ? open : closed, "/items/" + i).statusCode());
        }
        assertThat(statuses).containsExactly(200, 200, 200, 200, 429, 429);
        ServiceLimits.parse(header(get(open, "/items/x"), "RateLimit")).has("shared", 0, 900);

        redis.stop();
        HttpResponse<String> letThrough = get(open, "/items/y");
        assertThat(letThrough.statusCode()).isEqualTo(200);
        assertThat(header(letThrough, "RateLimit")).isNull();
        assertThat(header(letThrough, "RateLimit-Policy")).isEqualTo("\"shared\";q=4;w=3600");
        HttpResponse<String> refused = get(closed, "/items/z");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(header(refused, "Retry-After")).isEqualTo("1");
        assertThat(refused.body()).contains("rate limits cannot be checked right now");

        redis.restart();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        HttpResponse<String> back;
        do {
            TimeUnit.MILLISECONDS.sleep(50);
            back = get(closed, "/items/again");
        } while (back.statusCode() == 503 && System.nanoTime() < deadline);
        assertThat(back.statusCode()).as("the restarted Redis is empty: counting starts again").isEqualTo(200);
        ServiceLimits.parse(header(back, "RateLimit")).has("shared", 3, 900);
        ServiceLimits.parse(header(get(open, "/items/again"), "RateLimit")).has("shared", 2, 1800);
    }

    @Test
    void aRedisSlowerThanTheTimeoutIsTheFailureModeWithinTheTimeout() throws Exception {
        RedisServer redis = RedisServer.start();
        running.add(redis);
        RunningGateway open = sharing(redis, "a", "200ms", "open", 100);
        RunningGateway closed = sharing(redis, "b", "200ms", "closed", 100);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((get(open, "/items/warm").statusCode() != 200 || header(get(closed, "/items/warm"), "RateLimit") == null)
                && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50); // both connected
        }

        java.util.concurrent.CompletableFuture<String> sleeping = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return redis.command("DEBUG", "SLEEP", "3");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        TimeUnit.MILLISECONDS.sleep(300); // Redis answers nothing until the sleep ends
        long started = System.nanoTime();
        HttpResponse<String> letThrough = get(open, "/items/slow");
        HttpResponse<String> refused = get(closed, "/items/slow");
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(letThrough.statusCode()).isEqualTo(200);
        assertThat(header(letThrough, "RateLimit")).isNull();
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(header(refused, "Retry-After")).isEqualTo("1");
        assertThat(tookMillis).as("two decisions, each bounded by the 200 ms timeout").isLessThan(1500);
        assertThat(sleeping.get(10, TimeUnit.SECONDS)).isEqualTo("OK");
        HttpResponse<String> back = get(closed, "/items/after");
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(header(back, "RateLimit")).isNotNull();
    }

    @Test
    void decisionsGetAConnectionOnTheExchangesOwnEventLoopAndKeepCounting() throws Exception {
        RedisServer redis = RedisServer.start();
        running.add(redis);
        RunningGateway gateway = sharing(redis, "a", "2s", "closed", 1000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int sent = 0;
        long clients;
        do { // the store's connection serves until the loop's own one, opened in the background, is up
            HttpResponse<String> counted = get(gateway, "/items/" + sent);
            assertThat(counted.statusCode()).isEqualTo(200);
            sent++;
            assertThat(ServiceLimits.parse(header(counted, "RateLimit")).remaining("shared")).isBetween(1000L - sent, 1000L - sent + 10);
            clients = redis.command("CLIENT", "LIST").lines().filter(line -> line.startsWith("id=")).count();
        } while (clients < 3 && System.nanoTime() < deadline);
        assertThat(clients).as("this check's, the store's and the client's event loop's").isGreaterThanOrEqualTo(3);
        for (int i = 0; i < 3; i++) {
            sent++;
            assertThat(ServiceLimits.parse(header(get(gateway, "/items/more"), "RateLimit")).remaining("shared")).isBetween(1000L - sent, 1000L - sent + 10);
        }
    }

    /** A gateway whose route counts by client address against a limit of {@code requests} per hour in Redis. */
    private RunningGateway sharing(RedisServer redis, String name, String timeout, String failure, int requests)
            throws Exception {
        return gateway(dir.resolve(name), """
                      - rateLimit:
                          key: ip
                          scope: global
                          redis: { uri: "%s", timeout: %s, failure: %s }
                          limits: [ { name: shared, requests: %d, per: 1h } ]
                """.formatted(redis.uri(), timeout, failure, requests));
    }
}
