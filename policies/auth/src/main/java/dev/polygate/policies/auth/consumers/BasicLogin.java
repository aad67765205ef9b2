package dev.polygate.policies.auth.consumers;

import dev.polygate.spi.Consumer;

/** A consumer's HTTP Basic login: its user name and password hash. */
public record BasicLogin(Consumer consumer, String username, PasswordHash passwordHash) {
}
