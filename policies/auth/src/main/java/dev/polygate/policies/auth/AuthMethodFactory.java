package dev.polygate.policies.auth;

import dev.polygate.spi.ConfigNode;

/**
 * Builds the authentication methods of one kind, named in an {@code auth} policy's section ({@code apiKey},
 * {@code basic}, {@code jwt}, {@code mtls}, {@code introspection}); listed in
 * {@code META-INF/services/dev.polygate.policies.auth.AuthMethodFactory}.
 */
public interface AuthMethodFactory {
    String name();

    /**
     * Builds a method from its section; every problem is added to {@code section} (with its path), and a method is
     * returned anyway (the caller throws when there were problems).
     */
    AuthMethod create(ConfigNode section, AuthSetup setup);
}
