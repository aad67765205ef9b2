package dev.polygate.policies.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Policy;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.testkit.PolicyHarness;
import dev.polygate.spi.testkit.PolicyOutcome;
import dev.polygate.spi.testkit.TestRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import org.junit.jupiter.api.Test;

/** {@code concurrencyLimit} through the SPI test kit: places held until the response ends, however it ends. */
class ConcurrencyLimitPolicyTest {
    private static final ConcurrencyLimitPolicyFactory FACTORY = new ConcurrencyLimitPolicyFactory();

    @Test
    void theSectionIsChecked() {
        try (PolicyHarness harness = new PolicyHarness()) {
            assertThatThrownBy(() -> harness.build(FACTORY, "{\"key\": \"nobody\", \"name\": \"a b\", \"other\": 1}"))
                    .isInstanceOf(ConfigException.class)
                    .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigException.Problem::path)
                            .containsExactlyInAnyOrder("key", "max", "name", "other"));
        }
    }

    @Test
    void aPlaceIsHeldUntilTheResponseEndsOrFailsAndEachKeyHasItsOwn() throws Exception {
        try (PolicyHarness harness = new PolicyHarness()) {
            Policy policy = harness.build(FACTORY, "{\"key\": \"ip\", \"max\": 2}");
            PolicyOutcome first = harness.run(policy, TestRequest.get("/x"));
            PolicyOutcome second = harness.run(policy, TestRequest.get("/x"));
            assertThat(first.proceeded()).isTrue();
            assertThat(second.proceeded()).isTrue();

            PolicyOutcome third = harness.run(policy, TestRequest.get("/x"));
            assertThat(third.rejected()).map(GatewayException::kind).hasValue(ErrorKind.RATE_LIMITED);
            assertThat(third.rejection().headers().get("Retry-After")).isEqualTo("1");
            assertThat(third.rejection().headers().get("RateLimit-Policy"))
                    .isEqualTo("\"concurrency\";q=2;qu=\"concurrent-requests\"");
            assertThat(third.rejection().headers().get("RateLimit")).isEqualTo("\"concurrency\";r=0");
            assertThat(harness.run(policy, TestRequest.get("/x").from("10.1.1.1", 1)).proceeded())
                    .as("another address").isTrue();

            first.passedOn().response().sendHead(new ResponseHead(200, new DefaultHttpHeaders()));
            assertThat(first.response().head().headers().get("RateLimit")).isEqualTo("\"concurrency\";r=1");
            first.passedOn().response().sendEnd(EmptyHttpHeaders.INSTANCE);
            first.passedOn().response().sendEnd(EmptyHttpHeaders.INSTANCE); // ended twice: given back once
            assertThat(harness.run(policy, TestRequest.get("/x")).proceeded()).isTrue();
            assertThat(harness.run(policy, TestRequest.get("/x")).proceeded()).as("full again").isFalse();

            second.passedOn().response().sendError(new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "down"));
            assertThat(second.response().error().headers().get("RateLimit")).isEqualTo("\"concurrency\";r=0");
            assertThat(harness.run(policy, TestRequest.get("/x")).proceeded()).isTrue();
        }
    }
}
