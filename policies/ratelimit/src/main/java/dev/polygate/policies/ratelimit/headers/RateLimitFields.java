package dev.polygate.policies.ratelimit.headers;

import dev.polygate.policies.ratelimit.limits.Decision;
import dev.polygate.policies.ratelimit.limits.LimitOutcome;
import dev.polygate.policies.ratelimit.limits.LimitSpec;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/**
 * The response fields of draft-ietf-httpapi-ratelimit-headers-11 for one policy's limits: {@code RateLimit-Policy}
 * lists each limit as {@code "name";q=<requests>;w=<seconds>}, {@code RateLimit} what each one leaves as
 * {@code "name";r=<remaining>;t=<seconds>} ({@code t} rounded up, and at least 1: a whole bucket is whole for
 * a moment only), and a refusal carries {@code Retry-After} in seconds. Other policies'
 * fields are added to, never replaced (a response may carry several items in several field lines).
 */
public final class RateLimitFields {
    public static final String POLICY = "ratelimit-policy";
    public static final String CURRENT = "ratelimit";
    public static final String RETRY_AFTER = "retry-after";

    private final List<LimitSpec> limits;
    private final String policy;

    public RateLimitFields(List<LimitSpec> limits) {
        this.limits = List.copyOf(limits);
        StringBuilder value = new StringBuilder();
        for (LimitSpec limit : limits) {
            if (value.length() > 0) {
                value.append(", ");
            }
            value.append('"').append(limit.name()).append("\";q=").append(limit.requests())
                    .append(";w=").append(limit.per().toSeconds());
        }
        this.policy = value.toString();
    }

    /** The {@code RateLimit-Policy} value: the same on every answer. */
    public String policy() {
        return policy;
    }

    /** The {@code RateLimit} value for a decision that was checked. */
    public String current(Decision decision) {
        StringBuilder value = new StringBuilder(24 * limits.size());
        List<LimitOutcome> outcomes = decision.outcomes();
        for (int i = 0; i < outcomes.size(); i++) {
            LimitOutcome outcome = outcomes.get(i);
            if (i > 0) {
                value.append(", ");
            }
            value.append('"').append(limits.get(i).name()).append("\";r=").append(outcome.remaining())
                    .append(";t=").append(Math.max(1, Decision.ceilSeconds(outcome.resetNanos())));
        }
        return value.toString();
    }

    /** Adds both fields for {@code decision} (only the policy when it could not be checked). */
    public void addTo(HttpHeaders headers, Decision decision) {
        headers.add(POLICY, policy);
        if (decision.checked()) {
            headers.add(CURRENT, current(decision));
        }
    }
}
