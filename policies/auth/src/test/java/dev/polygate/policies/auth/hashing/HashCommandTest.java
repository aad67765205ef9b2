package dev.polygate.policies.auth.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.policies.auth.consumers.ApiKeyDigest;
import dev.polygate.policies.auth.consumers.PasswordHash;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code hash-key} and {@code hash-password}: what they print is what a consumer's credentials accept. */
class HashCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aKeyFromTheArgumentsOrTheSecretReaderIsPrintedAsItsDigest() {
        assertThat(HashCommand.hashKey(List.of("demo-key"), () -> null, print(out), print(err))).isZero();
        assertThat(HashCommand.hashKey(List.of(), () -> "demo-key\n", print(out), print(err))).isZero();
        assertThat(lines()).containsExactly(ApiKeyDigest.of("demo-key").toString(), ApiKeyDigest.of("demo-key").toString());
        assertThat(HashCommand.hashKey(List.of(), () -> null, print(out), print(err))).isEqualTo(1);
        assertThat(HashCommand.hashKey(List.of("--bogus"), () -> null, print(out), print(err))).isEqualTo(2);
    }

    @Test
    void generateMakesARandomKeyAndPrintsItsDigestToo() {
        assertThat(HashCommand.hashKey(List.of("--generate"), () -> null, print(out), print(err))).isZero();
        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("[A-Za-z0-9_-]{43}");
        assertThat(lines.get(1)).isEqualTo(ApiKeyDigest.of(lines.get(0)).toString());
    }

    @Test
    void aPasswordIsPrintedAsABcryptOrArgon2idHashThatChecks() {
        assertThat(HashCommand.hashPassword(List.of("--cost", "4"), () -> "s3cret", print(out), print(err))).isZero();
        assertThat(HashCommand.hashPassword(List.of("--argon2id"), () -> "s3cret", print(out), print(err))).isZero();
        List<String> lines = lines();
        assertThat(lines.get(0)).startsWith("$2b$04$");
        assertThat(lines.get(1)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        for (String line : lines) {
            assertThat(PasswordHash.parse(line).matches("s3cret")).isTrue();
            assertThat(PasswordHash.parse(line).matches("s3cre")).isFalse();
        }
        assertThat(HashCommand.hashPassword(List.of("--cost", "40"), () -> "s3cret", print(out), print(err)))
                .isEqualTo(1);
        assertThat(HashCommand.hashPassword(List.of(), () -> "", print(out), print(err))).isEqualTo(1);
        assertThat(HashCommand.hashPassword(List.of("--md5"), () -> "x", print(out), print(err))).isEqualTo(2);
    }
}
