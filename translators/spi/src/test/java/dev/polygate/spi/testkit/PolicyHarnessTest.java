package dev.polygate.spi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.ForwardingResponseSink;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyChain;
import dev.polygate.spi.PolicyFactory;
import dev.polygate.spi.Principal;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.Verdict;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The kit third-party policies are tested with, tried on a small key-checking policy written here. */
class PolicyHarnessTest {

    /** {@code {key: secret, async: false}}: lets through requests whose {@code x-key} is the secret. */
    static final class KeyPolicyFactory implements PolicyFactory {
        @Override
        public String name() {
            return "key";
        }

        @Override
        public Policy create(JsonNode config, TranslatorContext context) throws ConfigException {
            ConfigNode section = ConfigNode.section(config);
            section.expectObject(Set.of("key", "async"));
            String key = section.requiredText("key");
            boolean async = section.bool("async", false);
            section.throwIfInvalid();
            AtomicInteger seen = context.keep("key:" + key, AtomicInteger.class, AtomicInteger::new);
            return new Policy() {
                @Override
                public void apply(Exchange exchange, PolicyChain chain) {
                    seen.incrementAndGet();
                    boolean allowed = key.equals(exchange.request().headers().get("x-key"));
                    if (allowed) {
                        exchange.context().principal(new Principal("holder", Set.of("keys"), Set.of(), Map.of(),
                                "apiKey"));
                    }
                    Exchange view = exchange.with(exchange.requestBody(),
                            new ForwardingResponseSink(exchange.response()) {
                                @Override
                                public void sendHead(ResponseHead head) {
                                    head.headers().set("x-seen", seen.get());
                                    super.sendHead(head);
                                }
                            });
                    Verdict verdict = allowed ? Verdict.proceed(view) : Verdict.reject(
                            new GatewayException(ErrorKind.UNAUTHENTICATED, "no key")
                                    .withHeaders(new DefaultHttpHeaders().set("www-authenticate", "Key")));
                    if (async) {
                        chain.await(view, CompletableFuture.supplyAsync(() -> verdict,
                                CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS)));
                    } else if (verdict instanceof Verdict.Proceed) {
                        chain.proceed(view);
                    } else {
                        chain.reject(view, ((Verdict.Reject) verdict).error());
                    }
                }
            };
        }
    }

    @Test
    void aPolicyIsBuiltFromItsSectionAndItsProblemsAreAllReported() throws Exception {
        try (PolicyHarness harness = new PolicyHarness()) {
            assertThatThrownBy(() -> harness.build(new KeyPolicyFactory(), "{\"async\": 3, \"other\": 1}"))
                    .isInstanceOf(ConfigException.class)
                    .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigException.Problem::path)
                            .contains("key", "other"));
        }
    }

    @Test
    void decisionsMadeAtOnceOrLaterAreReportedWithTheContextAndTheRejectionsHeaders() throws Exception {
        try (PolicyHarness harness = new PolicyHarness()) {
            for (String async : new String[] {"false", "true"}) {
                Policy policy = harness.build(new KeyPolicyFactory(), "{\"key\": \"k\", \"async\": " + async + "}");
                PolicyOutcome allowed = harness.run(policy, TestRequest.get("/x").header("x-key", "k"));
                assertThat(allowed.proceeded()).as(async).isTrue();
                assertThat(allowed.context().principal()).map(Principal::consumer).hasValue("holder");

                PolicyOutcome refused = harness.run(policy, TestRequest.get("/x").header("x-key", "wrong"));
                assertThat(refused.proceeded()).as(async).isFalse();
                assertThat(refused.rejected()).map(GatewayException::kind).hasValue(ErrorKind.UNAUTHENTICATED);
                assertThat(refused.rejection().headers().get("www-authenticate")).isEqualTo("Key");
                assertThat(refused.context().principal()).isEmpty();
            }
        }
    }

    @Test
    void stateKeptByKeyIsSharedByEveryPolicyBuiltWithTheKeyAndTheResponseSideCanBeDriven() throws Exception {
        try (PolicyHarness harness = new PolicyHarness()) {
            Policy first = harness.build(new KeyPolicyFactory(), "{\"key\": \"k\"}");
            Policy second = harness.build(new KeyPolicyFactory(), "{\"key\": \"k\"}");
            harness.run(first, TestRequest.get("/x"));
            PolicyOutcome outcome = harness.run(second, TestRequest.get("/x").header("x-key", "k"));
            outcome.passedOn().response().sendHead(new ResponseHead(200, new DefaultHttpHeaders()));
            assertThat(outcome.response().head().headers().get("x-seen")).isEqualTo("2");
        }
    }

    @Test
    void aPolicyThatNeverDecidesFailsTheRunAtTheDeadline() {
        try (PolicyHarness harness = new PolicyHarness().deadline(Duration.ofMillis(200))) {
            Policy silent = (exchange, chain) -> chain.await(exchange, new CompletableFuture<>());
            assertThatThrownBy(() -> harness.run(silent, TestRequest.get("/x")))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("decided nothing");
        }
    }
}
