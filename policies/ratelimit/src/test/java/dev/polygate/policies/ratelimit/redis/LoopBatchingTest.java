package dev.polygate.policies.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.policies.ratelimit.limits.Decision;
import dev.polygate.policies.ratelimit.limits.LimitSpec;
import dev.polygate.spi.TransportKind;
import dev.polygate.testing.RedisServer;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The decisions an event loop makes in one pass go to Redis together when that pass ends, on the loop's own
 * connection, and each still gets its own answer.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class LoopBatchingTest {
    private static final Pattern EVALSHA_CALLS = Pattern.compile("cmdstat_evalsha:calls=(\\d+)");

    private final MultiThreadIoEventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private RedisServer redis;
    private RedisStore store;
    private long busy;

    @AfterEach
    void close() throws Exception {
        if (store != null) {
            store.close();
        }
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void decisionsOfOnePassLeaveTogetherWhenThePassEndsAndEachGetsItsAnswer() throws Exception {
        redis = RedisServer.start();
        store = new RedisStore(new RedisSettings(List.of(redis.uri()), false, Duration.ofSeconds(2),
                RedisSettings.FailureMode.OPEN, "test:"), TransportKind.NIO);
        EventLoop loop = loops.next();
        LimitScript script = new LimitScript(List.of(new LimitSpec("perHour", 100, Duration.ofHours(1), 100,
                LimitSpec.Algorithm.GCRA)), "test:");
        awaitOwnConnection(loop, script);
        long before = evalshaCalls();

        int decisions = 40;
        List<CompletableFuture<List<Object>>> answers = new ArrayList<>();
        CountDownLatch written = new CountDownLatch(1);
        AtomicBoolean looked = new AtomicBoolean();
        long[] seenDuringThePass = new long[1];
        loop.execute(() -> {
            for (int i = 0; i < decisions; i++) {
                answers.add(store.evaluate(script.keys("k" + (i % 4)), script.arguments(), loop));
            }
            written.countDown();
            // the pass goes on (spinning: a loop must not block) until the test has looked at what Redis ran
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!looked.get() && System.nanoTime() < until) {
                busy++; // not Thread.onSpinWait, which BlockHound counts as blocking
            }
        });
        assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
        TimeUnit.MILLISECONDS.sleep(200); // time enough for a write that went out at once to be counted
        seenDuringThePass[0] = evalshaCalls() - before;
        looked.set(true);

        List<Long> remaining = new ArrayList<>();
        for (CompletableFuture<List<Object>> answer : answers) {
            remaining.add((Long) answer.get(10, TimeUnit.SECONDS).get(2));
        }
        assertThat(seenDuringThePass[0]).as("scripts Redis ran while the loop's pass went on").isZero();
        assertThat(evalshaCalls() - before).isEqualTo(decisions);
        // four keys, ten decisions each, answered in the order they were made
        for (int key = 0; key < 4; key++) {
            List<Long> ofKey = new ArrayList<>();
            for (int i = key; i < decisions; i += 4) {
                ofKey.add(remaining.get(i));
            }
            assertThat(ofKey).containsExactly(99L, 98L, 97L, 96L, 95L, 94L, 93L, 92L, 91L, 90L);
        }
    }

    @Test
    void aLimitersDecisionsOfOnePassAreOneScriptRunAppliedInTheOrderTheyWereMade() throws Exception {
        RedisLimiter limiter = startLimiter(
                new LimitSpec("burst", 5, Duration.ofHours(1), 5, LimitSpec.Algorithm.GCRA),
                new LimitSpec("daily", 6, Duration.ofDays(1), 6, LimitSpec.Algorithm.SLIDING_WINDOW));
        EventLoop loop = loops.next();
        long before = evalshaCalls();

        List<CompletableFuture<Decision>> decided = decideInOnePass(limiter, loop,
                List.of("a", "a", "b", "a", "a", "a", "a", "a", "b", "a"));
        List<String> seen = new ArrayList<>();
        for (CompletableFuture<Decision> decision : decided) {
            Decision answer = decision.get(10, TimeUnit.SECONDS);
            assertThat(answer.checked()).isTrue();
            seen.add((answer.allowed() ? "allowed " : "refused ") + answer.outcomes().get(0).remaining() + "/"
                    + answer.outcomes().get(1).remaining());
        }
        assertThat(evalshaCalls() - before).as("script runs for ten decisions made in one pass").isEqualTo(1);
        // "a": five pass the burst limit, the next are refused by it and count against neither limit
        assertThat(seen).containsExactly("allowed 4/5", "allowed 3/4", "allowed 4/5", "allowed 2/3", "allowed 1/2",
                "allowed 0/1", "refused 0/1", "refused 0/1", "allowed 3/4", "refused 0/1");

        // a decision made off the loop runs alone and sees what the batch wrote
        Decision after = limiter.decide("a", loop, decision -> decision).get(10, TimeUnit.SECONDS);
        assertThat(after.allowed()).isFalse();
        assertThat(after.outcomes().get(1).remaining()).as("the daily count holds the five allowed only").isEqualTo(1);
        assertThat(evalshaCalls() - before).isEqualTo(2);
        assertThat(redis.command("HGET", "test:{a}:daily:w:6/86400s", "c")).isEqualTo("5");
    }

    @Test
    void aBatchDecidesAsTheSameDecisionsMadeOneByOneWouldWithALastWindowToWeigh() throws Exception {
        LimitSpec hourly = new LimitSpec("hourly", 10, Duration.ofHours(1), 10, LimitSpec.Algorithm.SLIDING_WINDOW);
        RedisLimiter limiter = startLimiter(hourly,
                new LimitSpec("burst", 8, Duration.ofMinutes(1), 3, LimitSpec.Algorithm.GCRA));
        // both keys start with four requests in the last hour's window, which weigh on this one, and two in this one
        long hour = Long.parseLong(redis.command("TIME").lines().findFirst().orElseThrow()) / 3600;
        for (String key : List.of("one-by-one", "batched")) {
            redis.command("HSET", "test:{" + key + "}:" + hourly.signature(), "i", Long.toString(hour), "c", "2",
                    "p", "4");
        }
        EventLoop loop = loops.next();

        List<String> oneByOne = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            oneByOne.add(describe(limiter.decide("one-by-one", loop, decision -> decision).get(10, TimeUnit.SECONDS)));
        }
        List<CompletableFuture<Decision>> inOnePass = decideInOnePass(limiter, loop, Collections.nCopies(6, "batched"));
        List<String> batched = new ArrayList<>();
        for (CompletableFuture<Decision> decision : inOnePass) {
            batched.add(describe(decision.get(10, TimeUnit.SECONDS)));
        }
        assertThat(batched).isEqualTo(oneByOne);
        assertThat(oneByOne).as("some pass, then the burst limit refuses")
                .anyMatch(text -> text.startsWith("allowed")).anyMatch(text -> text.startsWith("refused"));
        assertThat(redis.command("HGET", "test:{batched}:" + hourly.signature(), "c"))
                .isEqualTo(redis.command("HGET", "test:{one-by-one}:" + hourly.signature(), "c"));
    }

    /** A standalone Redis, a store on it and a limiter of {@code limits} on the store. */
    private RedisLimiter startLimiter(LimitSpec... limits) throws Exception {
        redis = RedisServer.start();
        RedisSettings settings = new RedisSettings(List.of(redis.uri()), false, Duration.ofSeconds(2),
                RedisSettings.FailureMode.OPEN, "test:");
        store = new RedisStore(settings, TransportKind.NIO);
        return new RedisLimiter(store, List.of(limits), settings);
    }

    /** Makes a decision on each key in turn, all in one task of {@code loop}: one pass of it. */
    private static List<CompletableFuture<Decision>> decideInOnePass(RedisLimiter limiter, EventLoop loop,
                                                                     List<String> keys) throws Exception {
        return loop.submit(() -> {
            List<CompletableFuture<Decision>> made = new ArrayList<>();
            for (String key : keys) {
                made.add(limiter.decide(key, loop, decision -> decision));
            }
            return made;
        }).get(10, TimeUnit.SECONDS);
    }

    /** Whether it passed and what each limit has left: what does not depend on the microsecond it was made in. */
    private static String describe(Decision decision) {
        assertThat(decision.checked()).isTrue();
        StringBuilder text = new StringBuilder(decision.allowed() ? "allowed" : "refused");
        decision.outcomes().forEach(outcome -> text.append(' ').append(outcome.allowed()).append('/')
                .append(outcome.remaining()));
        return text.toString();
    }

    /** Decides on the loop until Redis lists the loop's own connection beside the store's and the one asking. */
    private void awaitOwnConnection(EventLoop loop, LimitScript script) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (redis.command("CLIENT", "LIST").lines().count() < 3) { // the store's, the loop's, this one
            assertThat(System.nanoTime()).as("the loop's own connection came up").isLessThan(deadline);
            loop.submit(() -> store.evaluate(script.keys("warm"), script.arguments(), loop)).get().get(5, TimeUnit.SECONDS);
            TimeUnit.MILLISECONDS.sleep(20);
        }
        // the first decision on the new connection loads nothing more: the script is known by its digest already
        loop.submit(() -> store.evaluate(script.keys("warm"), script.arguments(), loop)).get().get(5, TimeUnit.SECONDS);
    }

    private long evalshaCalls() throws Exception {
        Matcher calls = EVALSHA_CALLS.matcher(redis.command("INFO", "commandstats"));
        return calls.find() ? Long.parseLong(calls.group(1)) : 0;
    }
}
