package dev.polygate.edge.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.ExchangeContext;
import dev.polygate.spi.ForwardingResponseSink;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyChain;
import dev.polygate.spi.PolicyFactory;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.Verdict;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A policy for the framework's tests, {@code testGate: {tag: a, mode: proceed}}. It tells what it saw through
 * response headers that every answer carries, errors included: {@code x-trail} lists the tags of the policies
 * that ran, in order; {@code x-seen-<tag>} what the exchange's context held when this one ran (listener, route,
 * operation, path variables). Modes: {@code proceed}, {@code reject} (401 with {@code WWW-Authenticate}),
 * {@code async} and {@code asyncReject} (decided on another thread after {@code delay}), {@code throw},
 * {@code asyncThrow}, {@code never} (a decision that never comes). With {@code record: file}, it appends
 * {@code closed <tag>} when closed and {@code cancelled <tag>} when its pending decision is cancelled; with
 * {@code keep: key}, {@code x-kept-<tag>} counts the requests seen by the state kept under that key.
 */
public final class TestGatePolicyFactory implements PolicyFactory {
    private static final Set<String> MODES = Set.of("proceed", "reject", "async", "asyncReject", "throw",
            "asyncThrow", "never");

    /** The tags of the policies an exchange went through, in order. */
    static final class Trail {
        final List<String> tags = new ArrayList<>();
    }

    @Override
    public String name() {
        return "testGate";
    }

    @Override
    public Policy create(JsonNode config, TranslatorContext context) throws ConfigException {
        ConfigNode section = ConfigNode.section(config);
        section.expectObject(Set.of("tag", "mode", "delay", "record", "keep"));
        String tag = section.requiredText("tag");
        String mode = section.text("mode", "proceed");
        if (!MODES.contains(mode)) {
            section.get("mode").problem("must be one of " + new java.util.TreeSet<>(MODES));
        }
        Duration delay = section.duration("delay", Duration.ofMillis(20));
        String record = section.text("record", null);
        String keep = section.text("keep", null);
        section.throwIfInvalid();
        AtomicLong kept = keep == null ? null : context.keep("testGate:" + keep, AtomicLong.class, AtomicLong::new);
        return new Gate(tag, mode, delay, record == null ? null : context.configDirectory().resolve(record), kept);
    }

    private static final class Gate implements Policy {
        private final String tag;
        private final String mode;
        private final Duration delay;
        private final Path record;
        private final AtomicLong kept;

        Gate(String tag, String mode, Duration delay, Path record, AtomicLong kept) {
            this.tag = tag;
            this.mode = mode;
            this.delay = delay;
            this.record = record;
            this.kept = kept;
        }

        @Override
        public void apply(Exchange exchange, PolicyChain chain) {
            ExchangeContext context = exchange.context();
            Trail trail = context.attribute(Trail.class).orElseGet(() -> {
                Trail fresh = new Trail();
                context.attribute(Trail.class, fresh);
                return fresh;
            });
            trail.tags.add(tag);
            String seen = "listener=" + context.listener() + ";route=" + context.route() + ";operation="
                    + context.operation().orElse("") + ";vars=" + new TreeMap<>(context.pathVariables());
            long count = kept == null ? -1 : kept.incrementAndGet();
            Exchange view = exchange.with(exchange.requestBody(), new ForwardingResponseSink(exchange.response()) {
                @Override
                public void sendHead(ResponseHead head) {
                    describe(head.headers());
                    super.sendHead(head);
                }

                @Override
                public void sendError(GatewayException error) {
                    HttpHeaders headers = new DefaultHttpHeaders().add(error.headers());
                    describe(headers);
                    super.sendError(error.withHeaders(headers));
                }

                private void describe(HttpHeaders headers) {
                    headers.set("x-trail", String.join(",", trail.tags));
                    headers.set("x-seen-" + tag, seen);
                    if (count >= 0) {
                        headers.set("x-kept-" + tag, Long.toString(count));
                    }
                }
            });
            switch (mode) {
                case "reject" -> chain.reject(view, refusal());
                case "throw" -> throw new IllegalStateException("policy " + tag + " failed");
                case "async" -> chain.await(view, later(() -> Verdict.proceed(view)));
                case "asyncReject" -> chain.await(view, later(() -> Verdict.reject(refusal())));
                case "asyncThrow" -> chain.await(view, later(() -> {
                    throw new IllegalStateException("policy " + tag + " failed later");
                }));
                case "never" -> {
                    CompletableFuture<Verdict> never = new CompletableFuture<>();
                    never.whenComplete((verdict, failure) -> {
                        if (never.isCancelled()) {
                            append("cancelled " + tag);
                        }
                    });
                    chain.await(view, never);
                }
                default -> chain.proceed(view);
            }
        }

        private GatewayException refusal() {
            return new GatewayException(ErrorKind.UNAUTHENTICATED, "refused by " + tag)
                    .withHeaders(new DefaultHttpHeaders().set("www-authenticate", "Test realm=\"" + tag + "\""));
        }

        private CompletableFuture<Verdict> later(java.util.function.Supplier<Verdict> decide) {
            return CompletableFuture.supplyAsync(decide,
                    CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS));
        }

        @Override
        public void close() {
            append("closed " + tag);
        }

        private void append(String line) {
            if (record == null) {
                return;
            }
            try {
                Files.writeString(record, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
