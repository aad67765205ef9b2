package dev.polygate.policies.auth.hashing;

import dev.polygate.policies.auth.consumers.ApiKeyDigest;
import dev.polygate.policies.auth.consumers.PasswordHashes;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * The command line's {@code hash-key} and {@code hash-password}: what to write in a consumer's credentials, so that
 * no key or password needs to sit in the configuration. A secret not given as an argument is read from
 * {@code secret} (the terminal without echo, or standard input), keeping it out of the shell's history.
 *
 * <p>Exit codes: 0 on success (including {@code --help}), 1 when the secret cannot be used, 2 for a usage error.
 */
public final class HashCommand {
    public static final String KEY_USAGE = """
            Usage: gateway hash-key [KEY]
                   gateway hash-key --generate

            Prints the digest to write as consumers[].credentials.apiKeys[].hash (sha256:<hex>). Without KEY the key
            is read from standard input (one line). --generate makes a new random key (32 bytes, base64url) and
            prints the key, then its digest.
            """;
    public static final String PASSWORD_USAGE = """
            Usage: gateway hash-password [--argon2id] [--cost N]

            Reads a password (from the terminal without echo, or one line of standard input) and prints the hash to
            write as consumers[].credentials.basic.passwordHash: bcrypt ($2b$, cost 12 unless --cost says otherwise,
            4 to 16), or with --argon2id an Argon2id PHC string (m=19456 KiB, t=2, p=1).
            """;
    private static final SecureRandom RANDOM = new SecureRandom();

    private HashCommand() {
    }

    public static int hashKey(List<String> args, Supplier<String> secret, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(KEY_USAGE);
            return 0;
        }
        if (args.size() > 1 || args.size() == 1 && args.get(0).startsWith("--") && !args.get(0).equals("--generate")) {
            err.print(KEY_USAGE);
            return 2;
        }
        if (args.equals(List.of("--generate"))) {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            out.println(key);
            out.println(ApiKeyDigest.of(key));
            return 0;
        }
        String key = args.isEmpty() ? secret.get() : args.get(0);
        if (key == null || key.strip().isEmpty()) {
            err.println("no key given");
            return 1;
        }
        out.println(ApiKeyDigest.of(key.strip()));
        return 0;
    }

    public static int hashPassword(List<String> args, Supplier<String> secret, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(PASSWORD_USAGE);
            return 0;
        }
        boolean argon2 = false;
        int cost = PasswordHashes.BCRYPT_COST;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--argon2id")) {
                argon2 = true;
            } else if (arg.equals("--cost") && i + 1 < args.size() && args.get(i + 1).matches("\\d{1,2}")) {
                cost = Integer.parseInt(args.get(++i));
            } else {
                err.print(PASSWORD_USAGE);
                return 2;
            }
        }
        String password = secret.get();
        if (password == null || password.isEmpty()) {
            err.println("no password given");
            return 1;
        }
        try {
            out.println(argon2 ? PasswordHashes.argon2id(password, PasswordHashes.ARGON2_MEMORY_KIB,
                    PasswordHashes.ARGON2_ITERATIONS, PasswordHashes.ARGON2_PARALLELISM)
                    : PasswordHashes.bcrypt(password, cost));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}
