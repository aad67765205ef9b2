package dev.polygate.policies.auth.consumers;

import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** New password hashes, for users writing {@code credentials.basic.passwordHash} (the {@code hash-password} command). */
public final class PasswordHashes {
    /** OWASP's suggested minimum for Argon2id: 19 MiB, 2 passes, 1 lane. */
    public static final int ARGON2_MEMORY_KIB = 19 * 1024;
    public static final int ARGON2_ITERATIONS = 2;
    public static final int ARGON2_PARALLELISM = 1;
    public static final int BCRYPT_COST = 12;

    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHashes() {
    }

    /**
     * A {@code $2b$} bcrypt hash.
     *
     * @throws IllegalArgumentException when the cost is out of range or the password longer than bcrypt takes (72
     *                                  bytes)
     */
    public static String bcrypt(String password, int cost) {
        if (cost < 4 || cost > BcryptHash.MAX_COST) {
            throw new IllegalArgumentException("the cost must be between 4 and " + BcryptHash.MAX_COST);
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
            throw new IllegalArgumentException("bcrypt takes passwords of at most 72 bytes; use --argon2id");
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password.toCharArray(), salt, cost);
    }

    /** An Argon2id hash in the PHC string format, with {@code m}, {@code t} and {@code p} as given. */
    public static String argon2id(String password, int memoryKiB, int iterations, int parallelism) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String hash = Argon2idHash.hash(password, salt, memoryKiB, iterations, parallelism);
        Argon2idHash.parse(hash); // the limits a configuration is held to apply to what is printed for one
        return hash;
    }
}
