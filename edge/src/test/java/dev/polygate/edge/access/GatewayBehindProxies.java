package dev.polygate.edge.access;

import dev.polygate.edge.server.GatewayServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The tests of one {@link AccessGateway}, started once for the test class and stopped after it. */
abstract class GatewayBehindProxies {
    @TempDir
    static Path dir;
    static AccessGateway access;
    static RecordingBackend backend;
    static GatewayServer gateway;
    static AccessLogFile log;

    @BeforeAll
    static void start() throws Exception {
        access = AccessGateway.start(dir);
        backend = access.backend();
        gateway = access.gateway();
        log = access.log();
    }

    @AfterAll
    static void stop() {
        access.close();
    }
}
