package dev.polygate.edge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.polygate.certs.DevCertificateAuthority;
import dev.polygate.edge.testing.H2spec;
import dev.polygate.edge.testing.RunningGateway;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** h2spec, the HTTP/2 conformance suite, against the TLS port (h2 by ALPN) and the cleartext port (h2c). */
class Http2ConformanceTest {
    private static final int ALL_CASES = 145;
    // How long h2spec waits for each answer (and for the TLS handshake): generous, for a busy machine.
    private static final int CASE_TIMEOUT_SECONDS = 10;

    @TempDir
    static Path dataDir;
    static RunningGateway gateway;
    static H2spec h2spec;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(H2spec.runsHere(), "the h2spec build carried by the plugin is for linux amd64");
        var localhost = DevCertificateAuthority.loadOrCreate(dataDir).ensureLocalhostServerCertificate();
        gateway = RunningGateway.start(dataDir, "{ certificates: [ { certificate: " + localhost.certificateChain()
                + ", privateKey: " + localhost.privateKey() + " } ] }", """
                routes:
                  - name: echo
                    match: { prefix: "/" }
                    translator: test-echo
                    backend: {}
                """);
        h2spec = H2spec.unpackInto(dataDir);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void everyCasePassesOnTheTlsPort() throws Exception {
        assertAllPass(h2spec.run(gateway.httpsPort(), true, CASE_TIMEOUT_SECONDS));
    }

    @Test
    void everyCasePassesOnTheCleartextPortWithPriorKnowledge() throws Exception {
        assertAllPass(h2spec.run(gateway.httpPort(), false, CASE_TIMEOUT_SECONDS));
    }

    private static void assertAllPass(H2spec.Report report) {
        assertThat(report.notPassed())
                .withFailMessage(() -> "h2spec cases not passed:\n" + report.notPassed().stream()
                        .map(Object::toString).collect(Collectors.joining("\n")))
                .isEmpty();
        assertThat(report.passedCount()).as(report.output()).isEqualTo(ALL_CASES);
    }
}
