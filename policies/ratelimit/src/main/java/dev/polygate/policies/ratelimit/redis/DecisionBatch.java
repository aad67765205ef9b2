package dev.polygate.policies.ratelimit.redis;

import dev.polygate.policies.ratelimit.limits.Decision;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiFunction;

/**
 * The decisions one limiter makes on one event loop during one pass of that loop: the first schedules a task for
 * the end of the pass, which sends them all to Redis as one run of the script, in the order they were made. Redis
 * then pays for one script call, reads each counter once and writes it once, where it would have done all of that
 * for each decision. Used on the loop only.
 */
final class DecisionBatch {
    /** Decisions one script run takes at most; a full batch leaves at once. */
    static final int MAX_DECISIONS = 64;

    private final EventExecutor loop;
    private final BiFunction<String[], Integer, CompletableFuture<List<Decision>>> send;
    private final Runnable sendAtEndOfPass = this::sendNow;
    private List<String> keys = new ArrayList<>();
    private List<CompletableFuture<Decision>> waiting = new ArrayList<>();

    /**
     * @param send runs the script for the keys of a number of decisions; completes with one decision each, in
     *             order, and never exceptionally
     */
    DecisionBatch(EventExecutor loop, BiFunction<String[], Integer, CompletableFuture<List<Decision>>> send) {
        this.loop = loop;
        this.send = send;
    }

    /** Adds a decision on the counters {@code decisionKeys}; completes with it once Redis answered the batch. */
    CompletableFuture<Decision> add(String[] decisionKeys) {
        CompletableFuture<Decision> decision = new CompletableFuture<>();
        if (waiting.isEmpty()) {
            try {
                loop.execute(sendAtEndOfPass);
            } catch (RejectedExecutionException shuttingDown) {
                send(decisionKeys, List.of(decision));
                return decision;
            }
        }
        Collections.addAll(keys, decisionKeys);
        waiting.add(decision);
        if (waiting.size() == MAX_DECISIONS) {
            sendNow();
        }
        return decision;
    }

    private void sendNow() {
        if (waiting.isEmpty()) {
            return;
        }
        List<CompletableFuture<Decision>> sent = waiting;
        String[] sentKeys = keys.toArray(String[]::new);
        waiting = new ArrayList<>();
        keys = new ArrayList<>();
        send(sentKeys, sent);
    }

    private void send(String[] sentKeys, List<CompletableFuture<Decision>> sent) {
        send.apply(sentKeys, sent.size()).thenAccept(decisions -> {
            for (int i = 0; i < sent.size(); i++) {
                sent.get(i).complete(decisions.get(i));
            }
        });
    }
}
