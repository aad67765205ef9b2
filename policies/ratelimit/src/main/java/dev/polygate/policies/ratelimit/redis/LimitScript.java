package dev.polygate.policies.ratelimit.redis;

import dev.polygate.policies.ratelimit.limits.Decision;
import dev.polygate.policies.ratelimit.limits.LimitOutcome;
import dev.polygate.policies.ratelimit.limits.LimitSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Lua script that applies all the limits of one policy to one key, or to the keys of a batch of decisions in
 * order, in a single round trip ({@code limits.lua} beside this class), with the arguments that describe the limits
 * and the reading of its answer.
 */
final class LimitScript {
    static final String SOURCE = load();
    static final String SHA = sha1(SOURCE);

    private final List<LimitSpec> limits;
    private final String[] arguments;
    private final String prefix;

    LimitScript(List<LimitSpec> limits, String prefix) {
        this.limits = List.copyOf(limits);
        this.prefix = prefix;
        List<String> args = new ArrayList<>();
        for (LimitSpec limit : limits) {
            args.add(limit.algorithm() == LimitSpec.Algorithm.GCRA ? "g" : "w");
            args.add(Long.toString(TimeUnit.NANOSECONDS.toMicros(limit.periodNanos())));
            args.add(Long.toString(limit.requests()));
            args.add(Long.toString(limit.burst()));
        }
        this.arguments = args.toArray(String[]::new);
    }

    /**
     * The Redis keys of {@code key}'s counters, one per limit. The key sits in a hash tag, so all the counters of
     * one key live in one cluster slot and one script may touch them together.
     */
    String[] keys(String key) {
        String[] keys = new String[limits.size()];
        String tagged = prefix + "{" + key + "}:";
        for (int i = 0; i < keys.length; i++) {
            keys[i] = tagged + limits.get(i).signature();
        }
        return keys;
    }

    String[] arguments() {
        return arguments;
    }

    /** The script's answers to {@code count} decisions, in the order their keys were given. */
    List<Decision> decisions(List<?> reply, int count) {
        int each = 1 + 4 * limits.size();
        if (reply == null || reply.size() != count * each) {
            throw new IllegalStateException("the rate-limit script answered " + (reply == null ? null
                    : reply.size() + " values") + " to " + count + " decision(s) of " + limits.size() + " limit(s)");
        }
        List<Decision> decisions = new ArrayList<>(count);
        for (int first = 0; first < reply.size(); first += each) {
            List<LimitOutcome> outcomes = new ArrayList<>(limits.size());
            for (int i = 0; i < limits.size(); i++) {
                int at = first + 1 + 4 * i;
                outcomes.add(new LimitOutcome(number(reply.get(at)) == 1, number(reply.get(at + 1)),
                        TimeUnit.MICROSECONDS.toNanos(number(reply.get(at + 2))),
                        TimeUnit.MICROSECONDS.toNanos(number(reply.get(at + 3)))));
            }
            decisions.add(Decision.of(outcomes));
        }
        return decisions;
    }

    private static long number(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalStateException("the rate-limit script answered " + value + " where a number belongs");
    }

    private static String load() {
        try (InputStream in = LimitScript.class.getResourceAsStream("limits.lua")) {
            if (in == null) {
                throw new IllegalStateException("limits.lua is missing beside " + LimitScript.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java platform", e);
        }
    }
}
