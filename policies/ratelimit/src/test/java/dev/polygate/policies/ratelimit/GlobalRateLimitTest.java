package dev.polygate.policies.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polygate.policies.ratelimit.redis.RedisSettings;
import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Policy;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.testkit.PolicyHarness;
import dev.polygate.spi.testkit.PolicyOutcome;
import dev.polygate.spi.testkit.TestRequest;
import dev.polygate.testing.RedisServer;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The global {@code rateLimit} policy against real Redis servers (standalone, a one-node cluster, behind a
 * Sentinel): limits shared by gateways that do not share memory, several limits in one round trip, Redis going
 * away and coming back, Redis too slow. Each harness stands for one gateway: its own connection, its own state.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class GlobalRateLimitTest {
    private static final RateLimitPolicyFactory FACTORY = new RateLimitPolicyFactory();

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        resources.add(resource);
        return resource;
    }

    /** A gateway's harness: it stands for one node, with its own connection to Redis. */
    private PolicyHarness gateway() {
        return closeLater(new PolicyHarness());
    }

    /** Builds a global policy whose connection is let go at the end, as a retiring configuration lets it go. */
    private Policy build(PolicyHarness harness, String section) throws Exception {
        Policy policy = harness.build(FACTORY, section);
        String connection = RedisSettings.read(ConfigNode.section(new ObjectMapper().readTree(section)).get("redis"))
                .connectionKey();
        resources.add(() -> harness.context().shared().release("rateLimit:redis:" + connection));
        return policy;
    }

    private static String section(String redis, String more, String limits) {
        return "{\"scope\": \"global\", \"redis\": " + redis + (more.isEmpty() ? "" : ", " + more)
                + ", \"limits\": " + limits + "}";
    }

    private static String redis(RedisServer server, String more) {
        return "{\"uri\": \"" + server.uri() + "\", \"timeout\": \"2s\"" + (more.isEmpty() ? "" : ", " + more) + "}";
    }

    private static String rateLimit(PolicyOutcome outcome) {
        outcome.passedOn().response().sendHead(new ResponseHead(200, new DefaultHttpHeaders()));
        return outcome.response().head().headers().get("RateLimit");
    }

    @Test
    void twoGatewaysShareOneLimitThroughRedis() throws Exception {
        RedisServer redis = closeLater(RedisServer.start());
        String section = section(redis(redis, ""), "\"key\": \"ip\"",
                "[ {\"name\": \"hourly\", \"requests\": 5, \"per\": \"1h\"} ]");
        PolicyHarness first = gateway();
        PolicyHarness second = gateway();
        Policy one = build(first, section);
        Policy two = build(second, section);

        List<String> remaining = new ArrayList<>();
        int allowed = 0;
        for (int i = 0; i < 8; i++) {
            PolicyOutcome outcome = (i % 2 == 0 ? first : second).run(i % 2 == 0 ? one : two, TestRequest.get("/x"));
            if (outcome.proceeded()) {
                allowed++;
                remaining.add(rateLimit(outcome));
            } else {
                assertThat(outcome.rejected()).map(GatewayException::kind).hasValue(ErrorKind.RATE_LIMITED);
                assertThat(outcome.rejection().headers().get("RateLimit")).startsWith("\"hourly\";r=0;t=");
                assertThat(outcome.rejection().headers().get("Retry-After")).isEqualTo("720");
            }
        }
        assertThat(allowed).isEqualTo(5);
        assertThat(remaining).containsExactly("\"hourly\";r=4;t=720", "\"hourly\";r=3;t=1440", "\"hourly\";r=2;t=2160",
                "\"hourly\";r=1;t=2880", "\"hourly\";r=0;t=720");
        assertThat(first.run(one, TestRequest.get("/x").from("10.9.9.9", 1)).proceeded()).as("another key").isTrue();
        assertThat(redis.command("KEYS", "*")).contains("polygate:rl:{ip=127.0.0.1}:hourly:g:5/3600s:5");
    }

    @Test
    void everyLimitIsCheckedInOneScriptAndARefusedRequestCountsAgainstNone() throws Exception {
        RedisServer redis = closeLater(RedisServer.start());
        PolicyHarness harness = gateway();
        Policy policy = build(harness, section(redis(redis, ""), "",
                "[ {\"name\": \"burst\", \"requests\": 2, \"per\": \"1h\"},"
                        + " {\"name\": \"daily\", \"requests\": 3, \"per\": \"1d\", \"algorithm\": \"slidingWindow\"} ]"));
        assertThat(harness.run(policy, TestRequest.get("/x")).proceeded()).isTrue();
        assertThat(harness.run(policy, TestRequest.get("/x")).proceeded()).isTrue();
        PolicyOutcome refused = harness.run(policy, TestRequest.get("/x"));
        assertThat(refused.proceeded()).isFalse();
        assertThat(refused.rejection().headers().get("RateLimit")).matches("\"burst\";r=0;t=1800, \"daily\";r=1;t=\\d+");

        redis.command("SCRIPT", "FLUSH");
        PolicyOutcome again = harness.run(policy, TestRequest.get("/x"));
        assertThat(again.proceeded()).as("NOSCRIPT: the script is sent again").isFalse();
        assertThat(again.rejection().headers().get("RateLimit")).matches("\"burst\";r=0;t=1800, \"daily\";r=1;t=\\d+");
    }

    @Test
    void redisGoingAwayIsTheFailureModeAndRedisComingBackIsUsedAgain() throws Exception {
        RedisServer redis = closeLater(RedisServer.start());
        PolicyHarness harness = gateway();
        String limits = "[ {\"requests\": 100, \"per\": \"1h\"} ]";
        Policy open = build(harness, section(redis(redis, "\"failure\": \"open\""), "", limits));
        Policy closed = build(harness, section(redis(redis, "\"failure\": \"closed\""), "", limits));
        assertThat(rateLimit(harness.run(open, TestRequest.get("/x")))).isEqualTo("\"default\";r=99;t=36");

        redis.stop();
        PolicyOutcome letThrough = harness.run(open, TestRequest.get("/x"));
        assertThat(letThrough.proceeded()).isTrue();
        assertThat(rateLimit(letThrough)).as("nothing was counted, so nothing is told").isNull();
        PolicyOutcome refused = harness.run(closed, TestRequest.get("/x"));
        assertThat(refused.rejected()).map(GatewayException::kind).hasValue(ErrorKind.UPSTREAM_UNAVAILABLE);
        assertThat(refused.rejection().headers().get("Retry-After")).isEqualTo("1");

        redis.restart();
        awaitOutcome(harness, closed, PolicyOutcome::proceeded, Duration.ofSeconds(20));
        assertThat(rateLimit(harness.run(open, TestRequest.get("/x")))).as("a fresh Redis counts afresh")
                .isEqualTo("\"default\";r=98;t=72");
    }

    @Test
    void aGatewayStartedWhileRedisIsDownConnectsOnceItIsUp() throws Exception {
        RedisServer redis = closeLater(RedisServer.start());
        redis.stop();
        PolicyHarness harness = gateway();
        Policy policy = build(harness, section(redis(redis, "\"failure\": \"closed\""), "",
                "[ {\"requests\": 10, \"per\": \"1m\"} ]"));
        assertThat(harness.run(policy, TestRequest.get("/x")).rejected()).map(GatewayException::kind)
                .hasValue(ErrorKind.UPSTREAM_UNAVAILABLE);
        redis.restart();
        awaitOutcome(harness, policy, PolicyOutcome::proceeded, Duration.ofSeconds(20));
    }

    @Test
    void aRedisSlowerThanTheTimeoutIsTheFailureModeWithoutWaitingForIt() throws Exception {
        RedisServer redis = closeLater(RedisServer.start());
        PolicyHarness harness = gateway();
        Policy policy = build(harness, section("{\"uri\": \"" + redis.uri() + "\", \"timeout\": \"100ms\","
                + " \"failure\": \"closed\"}", "", "[ {\"requests\": 10, \"per\": \"1m\"} ]"));
        awaitOutcome(harness, policy, PolicyOutcome::proceeded, Duration.ofSeconds(20)); // connected

        CompletableFuture<String> sleeping = CompletableFuture.supplyAsync(() -> {
            try {
                return redis.command("DEBUG", "SLEEP", "2");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        TimeUnit.MILLISECONDS.sleep(200); // let the sleep begin: Redis answers nothing until it ends
        long started = System.nanoTime();
        PolicyOutcome slow = harness.run(policy, TestRequest.get("/x"));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(slow.rejected()).map(GatewayException::kind).hasValue(ErrorKind.UPSTREAM_UNAVAILABLE);
        assertThat(tookMillis).isLessThan(1000);
        assertThat(sleeping.get(10, TimeUnit.SECONDS)).isEqualTo("OK");
        awaitOutcome(harness, policy, PolicyOutcome::proceeded, Duration.ofSeconds(10));
    }

    @Test
    void aClusterKeepsAKeysCountersInOneSlotSoOneScriptCountsThemAll() throws Exception {
        RedisServer redis = closeLater(RedisServer.startCluster());
        PolicyHarness harness = gateway();
        Policy policy = build(harness, section("{\"uri\": \"" + redis.uri() + "\", \"cluster\": true,"
                        + " \"timeout\": \"2s\", \"failure\": \"closed\"}", "\"key\": [\"ip\", \"route\"]",
                "[ {\"name\": \"a\", \"requests\": 1, \"per\": \"1h\"}, {\"name\": \"b\", \"requests\": 5, \"per\": \"1h\","
                        + " \"algorithm\": \"slidingWindow\"} ]"));
        awaitOutcome(harness, policy, PolicyOutcome::proceeded, Duration.ofSeconds(20));
        PolicyOutcome refused = harness.run(policy, TestRequest.get("/x"));
        assertThat(refused.rejected()).map(GatewayException::kind).hasValue(ErrorKind.RATE_LIMITED);
        assertThat(redis.command("KEYS", "*")).contains("polygate:rl:{ip=127.0.0.1|route=-}:a:g:1/3600s:1",
                "polygate:rl:{ip=127.0.0.1|route=-}:b:w:5/3600s");
    }

    @Test
    void aSentinelNamesTheServerToCountOn() throws Exception {
        RedisServer master = closeLater(RedisServer.start());
        RedisServer sentinel = closeLater(RedisServer.startSentinel(master, "limits"));
        PolicyHarness harness = gateway();
        String uri = "redis-sentinel://127.0.0.1:" + sentinel.port() + "#limits";
        Policy policy = build(harness, section("{\"uri\": \"" + uri + "\", \"timeout\": \"2s\", \"failure\": \"closed\"}",
                "", "[ {\"requests\": 1, \"per\": \"1h\"} ]"));
        awaitOutcome(harness, policy, PolicyOutcome::proceeded, Duration.ofSeconds(20));
        assertThat(harness.run(policy, TestRequest.get("/x")).rejected()).map(GatewayException::kind)
                .hasValue(ErrorKind.RATE_LIMITED);
        assertThat(master.command("KEYS", "*")).contains("polygate:rl:{ip=127.0.0.1}:default:g:1/3600s:1");
    }

    private static void awaitOutcome(PolicyHarness harness, Policy policy, Predicate<PolicyOutcome> wanted,
                                     Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        PolicyOutcome last;
        do {
            last = harness.run(policy, TestRequest.get("/x"));
            if (wanted.test(last)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("still " + (last.proceeded() ? "proceeding" : last.rejection().detail()) + " after "
                + timeout);
    }
}
