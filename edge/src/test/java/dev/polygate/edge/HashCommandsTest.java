package dev.polygate.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code hash-key} and {@code hash-password} are commands of the gateway's command line. */
class HashCommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void hashKeyPrintsTheDigestAConsumersCredentialsTake() throws Exception {
        assertThat(run("hash-key", "demo-key")).isZero();
        // printf %s demo-key | sha256sum
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("sha256:c48a01f49fd0f2cc404bc3cbbc80e91457a3d41bb429a695243de4c61794155c\n");
    }

    @Test
    void bothAreListedWithTheirHelp() throws Exception {
        assertThat(run("--help")).isZero();
        assertThat(run("hash-password", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("hash-key [KEY]").contains("hash-password")
                .contains("Usage: gateway hash-password [--argon2id] [--cost N]");
    }
}
