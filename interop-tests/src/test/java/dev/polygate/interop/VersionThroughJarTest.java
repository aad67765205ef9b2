package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code java -jar polygate.jar --version}: the version Maven built into the jar, and exit status 0. */
class VersionThroughJarTest {
    @Test
    void theJarPrintsItsVersion() throws Exception {
        GatewayProcess.Finished version = GatewayProcess.runToEnd("--version");

        assertThat(version.exitValue()).as(version.output()).isZero();
        assertThat(version.output()).isEqualTo("polygate " + System.getProperty("polygate.version") + System.lineSeparator());
    }
}
