package dev.polygate.policies.auth.authorize;

import dev.polygate.policies.auth.AuthChallenges;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.Policy;
import dev.polygate.spi.PolicyChain;
import dev.polygate.spi.Principal;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code authorize} policy. A request without a caller, or with the anonymous caller where the rule asks for
 * something, is a 401 (with the challenges of the {@code auth} policy that ran before, if one did): authenticating
 * may help. A caller the rule refuses is a 403: it would not.
 */
final class AuthorizePolicy implements Policy {
    private final AccessRule routeRule;
    private final Map<String, AccessRule> operations;
    private final boolean denyByDefault;

    AuthorizePolicy(AccessRule routeRule, Map<String, AccessRule> operations, boolean denyByDefault) {
        this.routeRule = routeRule;
        this.operations = Map.copyOf(operations);
        this.denyByDefault = denyByDefault;
    }

    @Override
    public void apply(Exchange exchange, PolicyChain chain) {
        Optional<Principal> caller = exchange.context().principal();
        String operation = exchange.context().operation().orElse(null);
        AccessRule rule = operation == null ? null : operations.get(operation);
        if (rule == null && denyByDefault) {
            if (caller.isEmpty()) {
                chain.reject(exchange, unauthenticated(exchange));
            } else {
                chain.reject(exchange, new GatewayException(ErrorKind.PERMISSION_DENIED, operation == null
                        ? "the request names no operation this route allows" : "operation " + operation
                        + " is not allowed"));
            }
            return;
        }
        if (rule == null) {
            rule = routeRule;
        }
        if (caller.isEmpty() || caller.get().isAnonymous() && !rule.isEmpty()) {
            chain.reject(exchange, unauthenticated(exchange));
            return;
        }
        Optional<String> refusal = rule.refusal(caller.get());
        if (refusal.isPresent()) {
            chain.reject(exchange, new GatewayException(ErrorKind.PERMISSION_DENIED, refusal.get()));
            return;
        }
        chain.proceed(exchange);
    }

    private static GatewayException unauthenticated(Exchange exchange) {
        GatewayException error = new GatewayException(ErrorKind.UNAUTHENTICATED, "authentication is required");
        Optional<AuthChallenges> challenges = exchange.context().attribute(AuthChallenges.class);
        if (challenges.isEmpty() || challenges.get().values().isEmpty()) {
            return error;
        }
        HttpHeaders headers = new DefaultHttpHeaders();
        challenges.get().values().forEach(value -> headers.add(HttpHeaderNames.WWW_AUTHENTICATE, value));
        return error.withHeaders(headers);
    }
}
