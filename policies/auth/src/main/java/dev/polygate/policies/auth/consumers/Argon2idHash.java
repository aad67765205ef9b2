package dev.polygate.policies.auth.consumers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * An Argon2id hash in the PHC string format, {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}
 * (salt and hash in unpadded base64), checked with BouncyCastle's {@link Argon2BytesGenerator}.
 */
record Argon2idHash(int version, int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash)
        implements PasswordHash {
    private static final Pattern FORM = Pattern.compile(
            "\\$argon2id(?:\\$v=(\\d+))?\\$m=(\\d{1,9}),t=(\\d{1,9}),p=(\\d{1,9})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    /** A check holds this much memory on a pool thread; more would let a configuration exhaust the heap. */
    static final int MAX_MEMORY_KIB = 256 * 1024;
    static final int MAX_ITERATIONS = 16;
    static final int MAX_PARALLELISM = 16;

    static Argon2idHash parse(String text) {
        Matcher form = FORM.matcher(text);
        if (!form.matches()) {
            throw new IllegalArgumentException("not an Argon2id PHC string: expected"
                    + " $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<base64 salt>$<base64 hash> (argon2i and argon2d"
                    + " are not accepted)");
        }
        int version = form.group(1) == null ? Argon2Parameters.ARGON2_VERSION_10 : Integer.parseInt(form.group(1));
        if (version != Argon2Parameters.ARGON2_VERSION_10 && version != Argon2Parameters.ARGON2_VERSION_13) {
            throw new IllegalArgumentException("Argon2 version must be 16 or 19, was " + version);
        }
        int memory = Integer.parseInt(form.group(2));
        int iterations = Integer.parseInt(form.group(3));
        int parallelism = Integer.parseInt(form.group(4));
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("Argon2 p must be between 1 and " + MAX_PARALLELISM);
        }
        if (memory < 8 * parallelism || memory > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2 m must be between 8*p and " + MAX_MEMORY_KIB + " (KiB)");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("Argon2 t must be between 1 and " + MAX_ITERATIONS);
        }
        byte[] salt = Base64.getDecoder().decode(form.group(5));
        byte[] hash = Base64.getDecoder().decode(form.group(6));
        if (salt.length < 8) {
            throw new IllegalArgumentException("Argon2 salt must be at least 8 bytes");
        }
        if (hash.length < 16 || hash.length > 64) {
            throw new IllegalArgumentException("Argon2 hash must be 16 to 64 bytes");
        }
        return new Argon2idHash(version, memory, iterations, parallelism, salt, hash);
    }

    /** A new hash of {@code password} in the PHC string format. */
    static String hash(String password, byte[] salt, int memoryKiB, int iterations, int parallelism) {
        byte[] out = new byte[32];
        derive(Argon2Parameters.ARGON2_VERSION_13, memoryKiB, iterations, parallelism, salt, password, out);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=" + Argon2Parameters.ARGON2_VERSION_13 + "$m=" + memoryKiB + ",t=" + iterations + ",p="
                + parallelism + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(out);
    }

    @Override
    public boolean matches(String password) {
        byte[] computed = new byte[hash.length];
        derive(version, memoryKiB, iterations, parallelism, salt, password, computed);
        return MessageDigest.isEqual(computed, hash);
    }

    private static void derive(int version, int memoryKiB, int iterations, int parallelism, byte[] salt,
                               String password, byte[] out) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(version)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    }

    @Override
    public String toString() {
        return "argon2id";
    }
}
