package dev.polygate.policies.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Policy;
import dev.polygate.spi.Principal;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.testkit.PolicyHarness;
import dev.polygate.spi.testkit.PolicyOutcome;
import dev.polygate.spi.testkit.TestRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The local {@code rateLimit} policy through the SPI test kit: its section, its answers, its keys, reloads. */
class RateLimitPolicyTest {
    private static final RateLimitPolicyFactory FACTORY = new RateLimitPolicyFactory();

    private static Principal consumer(String name) {
        return new Principal(name, Set.of(), Set.of(), Map.of("tenant", "acme"), "apiKey");
    }

    private static String fieldsOnSuccess(PolicyOutcome outcome, String name) {
        outcome.passedOn().response().sendHead(new ResponseHead(200, new DefaultHttpHeaders()));
        return String.join(" | ", outcome.response().head().headers().getAll(name));
    }

    @Test
    void everyProblemOfTheSectionIsReportedWithItsPath() {
        try (PolicyHarness harness = new PolicyHarness()) {
            assertThatThrownBy(() -> harness.build(FACTORY, """
                    {"key": ["consumer", "cookie:x"], "scope": "everywhere", "extra": 1,
                     "limits": [ {"name": "a b", "requests": 0, "per": "500ms"},
                                 {"name": "q", "requests": 5, "per": "1d", "algorithm": "slidingWindow", "burst": 9},
                                 {"requests": 5, "per": "1x"} ]}"""))
                    .isInstanceOf(ConfigException.class)
                    .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigException.Problem::path)
                            .contains("key", "scope", "extra", "limits[0].name", "limits[0].requests", "limits[0].per",
                                    "limits[1].burst", "limits[2].name", "limits[2].per"));
            assertThatThrownBy(() -> harness.build(FACTORY, "{\"scope\": \"global\", \"limits\": [{\"requests\": 1, \"per\": \"1s\"}]}"))
                    .isInstanceOf(ConfigException.class)
                    .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigException.Problem::path)
                            .containsExactly("redis"));
        }
    }

    @Test
    void aSpentLimitIsA429WithRetryAfterAndTheRateLimitFieldsAsTheDraftShapesThem() throws Exception {
        try (PolicyHarness harness = new PolicyHarness()) {
            Policy policy = harness.build(FACTORY, """
                    {"key": "consumer", "limits": [ {"name": "burst", "requests": 2, "per": "60s"},
                                                    {"name": "daily", "requests": 100, "per": "1d", "algorithm": "slidingWindow"} ]}""");
            TestRequest request = TestRequest.get("/x").authenticated(consumer("alice"));
            PolicyOutcome first = harness.run(policy, request);
            assertThat(first.proceeded()).isTrue();
            assertThat(fieldsOnSuccess(first, "RateLimit-Policy")).isEqualTo("\"burst\";q=2;w=60, \"daily\";q=100;w=86400");
            assertThat(fieldsOnSuccess(harness.run(policy, TestRequest.get("/x").authenticated(consumer("alice"))),
                    "RateLimit")).matches("\"burst\";r=0;t=30, \"daily\";r=98;t=\\d+");

            PolicyOutcome refused = harness.run(policy, TestRequest.get("/x").authenticated(consumer("alice")));
            assertThat(refused.rejected()).map(GatewayException::kind).hasValue(ErrorKind.RATE_LIMITED);
            assertThat(refused.rejection().headers().get("Retry-After")).isEqualTo("30");
            assertThat(refused.rejection().headers().get("RateLimit-Policy"))
                    .isEqualTo("\"burst\";q=2;w=60, \"daily\";q=100;w=86400");
            assertThat(refused.rejection().headers().get("RateLimit")).matches("\"burst\";r=0;t=30, \"daily\";r=98;t=\\d+");
            assertThat(refused.rejection().detail()).contains("'burst' allows 2 per 60s");

            assertThat(harness.run(policy, TestRequest.get("/x").authenticated(consumer("bob"))).proceeded())
                    .as("each consumer has a limit of its own").isTrue();
        }
    }

    @Test
    void errorAnswersCarryTheFieldsTooAndHeadersFalseLeavesSuccessesAlone() throws Exception {
        try (PolicyHarness harness = new PolicyHarness()) {
            Policy policy = harness.build(FACTORY, "{\"limits\": [ {\"requests\": 5, \"per\": \"1s\"} ]}");
            PolicyOutcome passed = harness.run(policy, TestRequest.get("/x"));
            passed.passedOn().response().sendError(new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "down"));
            assertThat(passed.response().error().headers().get("RateLimit")).isEqualTo("\"default\";r=4;t=1");

            Policy quiet = harness.build(FACTORY, "{\"headers\": false, \"limits\": [ {\"requests\": 1, \"per\": \"1h\"} ]}");
            PolicyOutcome plain = harness.run(quiet, TestRequest.get("/x"));
            assertThat(fieldsOnSuccess(plain, "RateLimit")).isEmpty();
            assertThat(harness.run(quiet, TestRequest.get("/x")).rejection().headers().get("RateLimit"))
                    .as("a refusal always says why").isEqualTo("\"default\";r=0;t=3600");
        }
    }

    @Test
    void shadowModeCountsAndTellsButNeverRefuses() throws Exception {
        try (PolicyHarness harness = new PolicyHarness()) {
            Policy policy = harness.build(FACTORY, "{\"shadow\": true, \"key\": \"ip\", \"limits\": [ {\"requests\": 1, \"per\": \"1h\"} ]}");
            assertThat(harness.run(policy, TestRequest.get("/x")).proceeded()).isTrue();
            PolicyOutcome over = harness.run(policy, TestRequest.get("/x"));
            assertThat(over.proceeded()).isTrue();
            assertThat(fieldsOnSuccess(over, "RateLimit")).isEqualTo("\"default\";r=0;t=3600");
        }
    }

    @Test
    void keysComeFromTheContextAndAMissingPartFallsBackToTheClientAddress() throws Exception {
        try (PolicyHarness harness = new PolicyHarness()) {
            Policy byConsumer = harness.build(FACTORY, "{\"key\": \"consumer\", \"limits\": [ {\"requests\": 1, \"per\": \"1h\"} ]}");
            assertThat(harness.run(byConsumer, TestRequest.get("/x").from("10.0.0.1", 1)).proceeded()).isTrue();
            assertThat(harness.run(byConsumer, TestRequest.get("/x").from("10.0.0.1", 2)).proceeded())
                    .as("no consumer: the address is the key").isFalse();
            assertThat(harness.run(byConsumer, TestRequest.get("/x").from("10.0.0.2", 1)).proceeded()).isTrue();
            assertThat(harness.run(byConsumer, TestRequest.get("/x").from("10.0.0.1", 3)
                    .authenticated(Principal.anonymous("guest"))).proceeded()).as("anonymous is no identity").isFalse();
            assertThat(harness.run(byConsumer, TestRequest.get("/x").from("10.0.0.1", 3)
                    .authenticated(consumer("carol"))).proceeded()).isTrue();

            Policy byHeaderAndOperation = harness.build(FACTORY,
                    "{\"key\": [\"header:X-Tenant\", \"operation\"], \"limits\": [ {\"requests\": 1, \"per\": \"1h\"} ]}");
            TestRequest get = TestRequest.get("/a").header("x-tenant", "t1").routed("lib", Map.of(), "pkg.Lib/Get");
            assertThat(harness.run(byHeaderAndOperation, get).proceeded()).isTrue();
            assertThat(harness.run(byHeaderAndOperation, TestRequest.get("/a").header("x-tenant", "t1")
                    .routed("lib", Map.of(), "pkg.Lib/Get")).proceeded()).isFalse();
            assertThat(harness.run(byHeaderAndOperation, TestRequest.get("/a").header("x-tenant", "t1")
                    .routed("lib", Map.of(), "pkg.Lib/List")).proceeded()).as("another operation").isTrue();
            assertThat(harness.run(byHeaderAndOperation, TestRequest.get("/a").header("x-tenant", "t2")
                    .routed("lib", Map.of(), "pkg.Lib/Get")).proceeded()).as("another tenant").isTrue();

            Policy byClaim = harness.build(FACTORY, "{\"key\": \"claim:tenant\", \"limits\": [ {\"requests\": 1, \"per\": \"1h\"} ]}");
            assertThat(harness.run(byClaim, TestRequest.get("/x").authenticated(consumer("dave"))).proceeded()).isTrue();
            assertThat(harness.run(byClaim, TestRequest.get("/x").authenticated(consumer("erin"))).proceeded())
                    .as("the same tenant").isFalse();
        }
    }

    @Test
    void aReloadThatKeepsALimitKeepsItsCountersAndAChangedLimitStartsAfresh() throws Exception {
        try (PolicyHarness harness = new PolicyHarness()) {
            String section = "{\"limits\": [ {\"name\": \"hourly\", \"requests\": 2, \"per\": \"1h\"} ]}";
            Policy before = harness.build(FACTORY, section);
            assertThat(harness.run(before, TestRequest.get("/x")).proceeded()).isTrue();
            Policy after = harness.build(FACTORY, section);
            assertThat(harness.run(after, TestRequest.get("/x")).proceeded()).isTrue();
            assertThat(harness.run(after, TestRequest.get("/x")).proceeded()).as("the third of two").isFalse();
            Policy changed = harness.build(FACTORY, "{\"limits\": [ {\"name\": \"hourly\", \"requests\": 3, \"per\": \"1h\"} ]}");
            assertThat(harness.run(changed, TestRequest.get("/x")).proceeded()).isTrue();
        }
    }
}
