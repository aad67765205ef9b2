package dev.polygate.policies.auth;

import java.util.List;

/**
 * The {@code WWW-Authenticate} challenges of the {@code auth} policy that ran on an exchange, left in its context so
 * that a later {@code authorize} policy's 401 tells the client how to authenticate too.
 */
public record AuthChallenges(List<String> values) {
    public AuthChallenges {
        values = List.copyOf(values);
    }
}
