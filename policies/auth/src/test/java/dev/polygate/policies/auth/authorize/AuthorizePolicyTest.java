package dev.polygate.policies.auth.authorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.polygate.policies.auth.AuthChallenges;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Policy;
import dev.polygate.spi.Principal;
import dev.polygate.spi.testkit.PolicyHarness;
import dev.polygate.spi.testkit.PolicyOutcome;
import dev.polygate.spi.testkit.TestRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The {@code authorize} policy with the SPI test kit: 401 without a caller, 403 for a caller the rule refuses. */
class AuthorizePolicyTest {
    private static final String CHAT = "demo.greeter.v1.Greeter/Chat";
    private static final String HELLO = "demo.greeter.v1.Greeter/SayHello";

    private final PolicyHarness harness = new PolicyHarness();

    @AfterEach
    void stop() {
        harness.close();
    }

    private static Principal caller(Set<String> groups, Set<String> scopes, Map<String, Object> claims) {
        return new Principal("alice", groups, scopes, claims, "jwt");
    }

    private Optional<GatewayException> run(Policy policy, Principal caller, String operation) {
        TestRequest request = TestRequest.get("/x").routed("r", Map.of(), operation);
        PolicyOutcome outcome = harness.run(policy, caller == null ? request : request.authenticated(caller));
        return outcome.rejected();
    }

    private static ErrorKind kind(Optional<GatewayException> refusal) {
        return refusal.map(GatewayException::kind).orElse(null);
    }

    @Test
    void groupsAnyScopesAllClaimsEach() throws Exception {
        Policy policy = harness.build(new AuthorizePolicyFactory(), """
                { "groups": [ "partners", "staff" ], "scopes": [ "orders:read", "orders:list" ],
                  "claims": { "tier": [ "gold", "platinum" ], "level": 3, "verified": true } }
                """);
        Map<String, Object> claims = Map.of("tier", "gold", "level", 3.0, "verified", true);
        Set<String> scopes = Set.of("orders:read", "orders:list", "more");
        assertThat(run(policy, caller(Set.of("staff"), scopes, claims), null)).isEmpty();
        assertThat(run(policy, caller(Set.of("staff"), scopes, Map.of("tier", List.of("silver", "platinum"),
                "level", 3L, "verified", true)), null)).as("a list claim matches by one element").isEmpty();

        assertThat(run(policy, caller(Set.of("others"), scopes, claims), null)).get()
                .extracting(GatewayException::detail).isEqualTo("requires membership of one of the groups partners, staff");
        assertThat(kind(run(policy, caller(Set.of("staff"), Set.of("orders:read"), claims), null)))
                .isEqualTo(ErrorKind.PERMISSION_DENIED);
        assertThat(kind(run(policy, caller(Set.of("staff"), scopes, Map.of("tier", "silver", "level", 3, "verified",
                true)), null))).isEqualTo(ErrorKind.PERMISSION_DENIED);
        assertThat(kind(run(policy, caller(Set.of("staff"), scopes, Map.of("tier", "gold", "level", 4, "verified",
                true)), null))).isEqualTo(ErrorKind.PERMISSION_DENIED);
        assertThat(kind(run(policy, caller(Set.of("staff"), scopes, Map.of("tier", "gold", "level", 3)), null)))
                .isEqualTo(ErrorKind.PERMISSION_DENIED);
    }

    @Test
    void noCallerOrAnAnonymousOneWhereSomethingIsRequiredIsA401WithTheAuthPolicysChallenges() throws Exception {
        Policy policy = harness.build(new AuthorizePolicyFactory(), "{ \"groups\": [ \"partners\" ] }");
        assertThat(kind(run(policy, null, null))).isEqualTo(ErrorKind.UNAUTHENTICATED);
        assertThat(kind(run(policy, Principal.anonymous("guest"), null))).isEqualTo(ErrorKind.UNAUTHENTICATED);

        Policy anyone = harness.build(new AuthorizePolicyFactory(), "{}");
        assertThat(run(anyone, Principal.anonymous("guest"), null)).as("an empty rule wants a caller, any").isEmpty();
        assertThat(kind(run(anyone, null, null))).isEqualTo(ErrorKind.UNAUTHENTICATED);

        Policy challenging = (exchange, chain) -> {
            exchange.context().attribute(AuthChallenges.class, new AuthChallenges(List.of("Basic realm=\"a\"",
                    "Bearer realm=\"b\"")));
            policy.apply(exchange, chain);
        };
        GatewayException refused = harness.run(challenging, TestRequest.get("/x")).rejected().orElseThrow();
        assertThat(refused.headers().getAll("www-authenticate")).containsExactly("Basic realm=\"a\"", "Bearer realm=\"b\"");
    }

    @Test
    void anOperationsRuleReplacesTheRoutesAndDenyByDefaultRefusesTheOthers() throws Exception {
        Policy open = harness.build(new AuthorizePolicyFactory(), """
                { "groups": [ "partners" ], "operations": { "%s": { "groups": [ "chatters" ] } } }
                """.formatted(CHAT));
        Principal chatter = caller(Set.of("chatters"), Set.of(), Map.of());
        Principal partner = caller(Set.of("partners"), Set.of(), Map.of());
        assertThat(run(open, chatter, CHAT)).isEmpty();
        assertThat(kind(run(open, partner, CHAT))).isEqualTo(ErrorKind.PERMISSION_DENIED);
        assertThat(run(open, partner, HELLO)).isEmpty();
        assertThat(kind(run(open, chatter, HELLO))).isEqualTo(ErrorKind.PERMISSION_DENIED);

        Policy closed = harness.build(new AuthorizePolicyFactory(), """
                { "denyByDefault": true, "operations": { "%s": { "groups": [ "chatters" ] }, "%s": {} } }
                """.formatted(CHAT, HELLO));
        assertThat(run(closed, chatter, CHAT)).isEmpty();
        assertThat(run(closed, partner, HELLO)).isEmpty();
        assertThat(run(closed, partner, "demo.greeter.v1.Greeter/Other")).get().extracting(GatewayException::detail)
                .isEqualTo("operation demo.greeter.v1.Greeter/Other is not allowed");
        assertThat(kind(run(closed, partner, null))).isEqualTo(ErrorKind.PERMISSION_DENIED);
        assertThat(kind(run(closed, null, "demo.greeter.v1.Greeter/Other"))).isEqualTo(ErrorKind.UNAUTHENTICATED);
    }

    @Test
    void configurationProblemsAreListedTogether() {
        ConfigException e = catchThrowableOfType(() -> harness.build(new AuthorizePolicyFactory(), """
                { "group": [ "x" ], "groups": [ "partners" ], "claims": { "tier": { "a": 1 }, "none": [] },
                  "denyByDefault": true, "operations": { "Greeter": {}, "a.B/C": { "scope": [] } } }
                """), ConfigException.class);
        assertThat(e.problems()).extracting(ConfigException.Problem::path).containsExactlyInAnyOrder(
                "group", "claims.tier", "claims.none", "denyByDefault", "operations.Greeter", "operations.a.B/C.scope");
    }
}
