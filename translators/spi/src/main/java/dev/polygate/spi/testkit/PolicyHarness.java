package dev.polygate.spi.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.ExchangeContext;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.GatewayShared;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyChain;
import dev.polygate.spi.PolicyFactory;
import dev.polygate.spi.RequestBody;
import dev.polygate.spi.RequestHead;
import dev.polygate.spi.ResponseSink;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.TransportKind;
import dev.polygate.spi.UpstreamConfig;
import dev.polygate.spi.Verdict;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs policies on made-up requests, on an event loop of its own, as the gateway's chain would: a policy's
 * {@code proceed}, {@code reject} and {@code await} end the run with a {@link PolicyOutcome}; an asynchronous
 * decision is brought back to the loop; a policy that throws, or decides nothing within the deadline, fails the
 * run. State kept with {@link TranslatorContext#keep} lives as long as the harness.
 *
 * <pre>{@code
 * try (PolicyHarness harness = new PolicyHarness()) {
 *     Policy policy = harness.build(new MyPolicyFactory(), "{\"header\": \"x-api-key\"}");
 *     PolicyOutcome outcome = harness.run(policy, TestRequest.get("/x").header("x-api-key", "k"));
 *     assertThat(outcome.proceeded()).isTrue();
 * }
 * }</pre>
 */
public final class PolicyHarness implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventExecutor loop = new DefaultEventExecutor();
    private final GatewayShared shared = new GatewayShared();
    private final Path configDirectory;
    private final Map<String, UpstreamConfig> upstreams;
    private Duration deadline = Duration.ofSeconds(5);

    /** Relative file names in policy sections resolve against the working directory; no upstreams. */
    public PolicyHarness() {
        this(Path.of("").toAbsolutePath(), Map.of());
    }

    public PolicyHarness(Path configDirectory, Map<String, UpstreamConfig> upstreams) {
        this.configDirectory = configDirectory;
        this.upstreams = Map.copyOf(upstreams);
    }

    /** How long {@link #run} waits for the policy to decide; 5 s unless set. */
    public PolicyHarness deadline(Duration limit) {
        this.deadline = limit;
        return this;
    }

    /** The context policy factories see: upstreams, the configuration directory, and state kept by key. */
    public TranslatorContext context() {
        return new TranslatorContext() {
            @Override
            public Optional<UpstreamConfig> upstream(String name) {
                return Optional.ofNullable(upstreams.get(name));
            }

            @Override
            public java.util.Set<String> upstreamNames() {
                return upstreams.keySet();
            }

            @Override
            public Path configDirectory() {
                return configDirectory;
            }

            @Override
            public TransportKind transport() {
                return TransportKind.NIO;
            }

            @Override
            public GatewayShared shared() {
                return shared;
            }

            @Override
            public <T> T keep(String key, Class<T> type, Supplier<? extends T> create) {
                return shared.acquire(key, type, create);
            }
        };
    }

    /**
     * Builds a policy from its section written as JSON (YAML's flow style is JSON too, quoted keys aside).
     *
     * @throws ConfigException with every problem of the section, as {@code check} would report them
     */
    public Policy build(PolicyFactory factory, String sectionJson) throws ConfigException {
        try {
            return factory.create(JSON.readTree(sectionJson), context());
        } catch (IOException e) {
            throw new UncheckedIOException("the section is not JSON: " + e.getMessage(), e);
        }
    }

    /** Runs {@code policy} once on {@code request} and reports its decision. */
    public PolicyOutcome run(Policy policy, TestRequest request) {
        CompletableFuture<PolicyOutcome> outcome = new CompletableFuture<>();
        loop.execute(() -> {
            TestExchange exchange = new TestExchange(request, loop);
            try {
                policy.apply(exchange, new Chain(exchange, outcome));
            } catch (RuntimeException e) {
                outcome.completeExceptionally(e);
            }
        });
        try {
            return outcome.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the policy decided nothing within " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new AssertionError("the policy failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The chain after the policy under test: its first decision is the outcome. */
    private final class Chain implements PolicyChain {
        private final ExchangeContext context;
        private final RecordedResponse response;
        private final CompletableFuture<PolicyOutcome> outcome;

        Chain(TestExchange exchange, CompletableFuture<PolicyOutcome> outcome) {
            this.context = exchange.context();
            this.response = exchange.response;
            this.outcome = outcome;
        }

        @Override
        public void proceed(Exchange exchange) {
            requireLoop("proceed");
            outcome.complete(new PolicyOutcome(exchange, null, context, response));
        }

        @Override
        public void reject(Exchange exchange, GatewayException error) {
            requireLoop("reject");
            outcome.complete(new PolicyOutcome(null, error, context, response));
        }

        @Override
        public void await(Exchange exchange, CompletionStage<Verdict> decision) {
            requireLoop("await");
            decision.whenComplete((verdict, failure) -> loop.execute(() -> {
                if (failure != null) {
                    outcome.completeExceptionally(failure);
                } else if (verdict instanceof Verdict.Reject reject) {
                    reject(exchange, reject.error());
                } else if (verdict instanceof Verdict.Proceed proceed) {
                    proceed(proceed.exchange());
                } else {
                    outcome.completeExceptionally(new IllegalStateException("the decision completed without a verdict"));
                }
            }));
        }

        private void requireLoop(String what) {
            if (!loop.inEventLoop()) {
                outcome.completeExceptionally(new IllegalStateException(what
                        + " was called off the exchange's event loop; policies must come back to it (use await)"));
            }
        }
    }

    /** The made-up exchange: its body is empty, its response recorded. */
    private static final class TestExchange implements Exchange {
        private final EventExecutor loop;
        private final ExchangeContext context;
        private final dev.polygate.spi.ClientInfo client;
        private final RecordedResponse response = new RecordedResponse();
        private RequestHead head;

        TestExchange(TestRequest request, EventExecutor loop) {
            this.loop = loop;
            this.client = request.clientInfo();
            this.context = new ExchangeContext(request.listener);
            context.clientAddress(request.client);
            context.route(request.route);
            context.pathVariables(request.pathVariables);
            context.operation(request.operation);
            context.principal(request.principal);
            int query = request.path.indexOf('?');
            this.head = new RequestHead(request.method, request.path,
                    query < 0 ? request.path : request.path.substring(0, query), "localhost",
                    request.secure ? "https" : "http", request.headers);
        }

        @Override
        public RequestHead request() {
            return head;
        }

        @Override
        public void request(RequestHead replacement) {
            head = replacement;
        }

        @Override
        public RequestBody requestBody() {
            return EmptyBody.INSTANCE;
        }

        @Override
        public ResponseSink response() {
            return response;
        }

        @Override
        public dev.polygate.spi.ClientInfo client() {
            return client;
        }

        @Override
        public ExchangeContext context() {
            return context;
        }

        @Override
        public String routeName() {
            return context.route();
        }

        @Override
        public EventExecutor executor() {
            return loop;
        }

        @Override
        public void onCancel(Runnable action) {
            // the made-up client never leaves
        }

        @Override
        public void upstream(String endpoint) {
        }
    }

    private enum EmptyBody implements RequestBody {
        INSTANCE;

        @Override
        public void subscribe(dev.polygate.spi.BodySubscriber subscriber) {
            subscriber.onEnd(io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE);
        }

        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }

        @Override
        public long declaredLength() {
            return 0;
        }

        @Override
        public boolean isEmpty() {
            return true;
        }
    }
}
