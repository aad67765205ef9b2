package dev.polygate.policies.auth.consumers;

/**
 * A password hash from the configuration: bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}) or Argon2id in the PHC
 * string format ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}). Checking a password costs milliseconds of CPU
 * by design: it runs on the authentication pool, never on an event loop.
 */
public sealed interface PasswordHash permits BcryptHash, Argon2idHash {

    /**
     * Reads a hash.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    static PasswordHash parse(String text) {
        if (text.startsWith("$2")) {
            return BcryptHash.parse(text);
        }
        if (text.startsWith("$argon2")) {
            return Argon2idHash.parse(text);
        }
        throw new IllegalArgumentException("must be a bcrypt hash ($2a$, $2b$, $2y$) or an Argon2id PHC string"
                + " ($argon2id$v=19$m=...,t=...,p=...$salt$hash); gateway hash-password prints one");
    }

    /** Whether {@code password} is the one hashed; slow on purpose. */
    boolean matches(String password);
}
