package dev.polygate.policies.auth.jwt;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polygate.policies.auth.AuthMethod;
import dev.polygate.policies.auth.AuthMethodFactory;
import dev.polygate.policies.auth.AuthSetup;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.Consumer;
import dev.polygate.spi.testkit.PolicyHarness;
import dev.polygate.spi.testkit.PolicyOutcome;
import dev.polygate.spi.testkit.TestRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds token methods from JSON sections the way the {@code auth} policy will, with a policy harness of its own, and
 * runs them on made-up requests through {@link MethodPolicy}.
 */
public final class JwtTestBench implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PolicyHarness harness;
    private final ExecutorService blocking = Executors.newFixedThreadPool(2);
    private final Map<String, Consumer> consumers;

    public JwtTestBench(Path configDirectory, Map<String, Consumer> consumers) {
        this.harness = new PolicyHarness(configDirectory, Map.of());
        this.consumers = Map.copyOf(consumers);
    }

    public AuthMethod build(AuthMethodFactory factory, String sectionJson) throws ConfigException {
        ConfigNode section;
        try {
            section = ConfigNode.section(JSON.readTree(sectionJson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AuthMethod method = factory.create(section, new AuthSetup(harness.context(), consumers, blocking));
        section.throwIfInvalid();
        return method;
    }

    public PolicyOutcome run(AuthMethod method, TestRequest request) {
        return harness.run(new MethodPolicy(method), request);
    }

    public PolicyOutcome run(MethodPolicy policy, TestRequest request) {
        return harness.run(policy, request);
    }

    /**
     * Runs {@code count} requests at once against {@code server}, which holds its answers; once it has a request, lets
     * it answer, and returns what each request came to.
     */
    public List<PolicyOutcome> runWhileHeld(LoopbackHttpServer server, int count, Callable<PolicyOutcome> request)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<PolicyOutcome>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                pending.add(clients.submit(request));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (server.requests() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            server.release();
            List<PolicyOutcome> outcomes = new ArrayList<>();
            for (Future<PolicyOutcome> outcome : pending) {
                outcomes.add(outcome.get());
            }
            return outcomes;
        } finally {
            clients.shutdownNow();
        }
    }

    public static TestRequest bearer(String token) {
        return TestRequest.get("/orders").header("authorization", "Bearer " + token);
    }

    @Override
    public void close() {
        harness.close();
        blocking.shutdownNow();
    }
}
