package dev.polygate.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --version} and {@code version} print the version the build wrote, and succeed. */
class VersionCommandTest {
    @ParameterizedTest
    @ValueSource(strings = {"--version", "version"})
    void printsTheVersionOfTheBuildAndExitsZero(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Main.run(List.of(command), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        // the project's version as Maven filtered it in, e.g. 0.1.0-SNAPSHOT (never the unfiltered placeholder)
        assertThat(out.toString(StandardCharsets.UTF_8))
                .matches("polygate \\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?\\R");
    }
}
