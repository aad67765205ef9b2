package dev.polygate.policies.auth;

import dev.polygate.spi.ConfigNode;
import java.util.Set;

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

    /**
     * The keys of a consumer's {@code credentials} section this kind of method reads itself (beyond
     * {@code apiKeys}, {@code basic} and {@code certificates}, which the consumers' index reads), so that they are
     * not reported as unknown; the method validates them when it is built.
     */
    default Set<String> credentialKeys() {
        return Set.of();
    }
}
