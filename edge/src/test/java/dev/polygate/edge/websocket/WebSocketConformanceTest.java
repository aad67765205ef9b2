package dev.polygate.edge.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WebSocket conformance suite, modelled on the Autobahn testsuite's case list and driven by a raw client. Every
 * case runs twice: on a route to the Netty echo backend (what the client sees is the edge's own behaviour: the
 * frame checks, the close handshake, the limits, permessage-deflate) and through the websocket passthrough to
 * Debian's python3-websockets echo server, a backend nobody here wrote (compression stays between the client and the
 * edge there too: the backend sees plain frames). After each case a new session must still be served.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebSocketConformanceTest {
    static final String LIMITS = "websocket: { maxFrameSize: 256KiB, maxMessageSize: 1MiB }";

    @TempDir
    static Path dir;
    static WebSocketGateway setup;
    static ConformancePeer python;

    /** Where a case runs: a route of the gateway and the backend behind it. */
    record Target(String name, String path) {
    }

    static final List<Target> TARGETS = List.of(
            new Target("edge, to the Netty echo backend", "/edge/"),
            new Target("passthrough, to python3-websockets", "/python/"));

    @BeforeAll
    static void start() throws Exception {
        python = ConformancePeer.startPythonEcho();
        setup = new WebSocketGateway(dir, "  python: { endpoints: [ \"ws://127.0.0.1:" + python.port + "\" ] }\n", """
                routes:
                  - name: edge
                    match: { prefix: /edge }
                    translator: websocket
                    %s
                    backend: { upstream: echo }
                  - name: python
                    match: { prefix: /python }
                    translator: websocket
                    %s
                    backend: { upstream: python }
                """.formatted(LIMITS, LIMITS));
    }

    @AfterAll
    static void stop() throws Exception {
        if (setup != null) {
            setup.close();
        }
        if (python != null) {
            python.close();
        }
    }

    @TestFactory
    Stream<DynamicNode> group1Framing() {
        return run(FramingCases.framing());
    }

    @TestFactory
    Stream<DynamicNode> group2PingsAndPongs() {
        return run(FramingCases.pings());
    }

    @TestFactory
    Stream<DynamicNode> group3ReservedBits() {
        return run(ReservedBitsAndOpcodeCases.reservedBits());
    }

    @TestFactory
    Stream<DynamicNode> group4Opcodes() {
        return run(ReservedBitsAndOpcodeCases.opcodes());
    }

    @TestFactory
    Stream<DynamicNode> group5Fragmentation() {
        return run(FragmentationCases.cases());
    }

    @TestFactory
    Stream<DynamicNode> group6Utf8() {
        return run(Utf8Cases.cases());
    }

    @TestFactory
    Stream<DynamicNode> group7Close() {
        return run(CloseCases.cases());
    }

    @TestFactory
    Stream<DynamicNode> group9Limits() {
        return run(LimitCases.cases());
    }

    @TestFactory
    Stream<DynamicNode> group12Compression() {
        return run(CompressionCases.cases());
    }

    @TestFactory
    Stream<DynamicNode> group13CompressionParameters() {
        return run(NegotiationCases.cases());
    }

    /** Compression is between the client and the edge: the backend's handshake offers no extension. */
    @Test
    void thePassthroughBackendSeesNoCompressionOffer() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(setup.port(), "/python/", CompressionCases.OFFER);
             DeflatingClient client = CompressionCases.agreed(ws)) {
            client.send(RawWebSocket.TEXT, ConformanceCase.utf8("headers"), 0);
            String headers = new String(client.receive().payload(), StandardCharsets.UTF_8);
            assertThat(headers).contains("\"sec-websocket-key\"").doesNotContain("sec-websocket-extensions");
        }
    }

    private static Stream<DynamicNode> run(List<ConformanceCase> cases) {
        return TARGETS.stream().map(target -> DynamicContainer.dynamicContainer(target.name(), cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.displayName(), () -> runCase(target, c)))));
    }

    private static void runCase(Target target, ConformanceCase c) throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(setup.port(), target.path(), c.headers())) {
            assertThat(ws.status()).as(ws.responseHead()).isEqualTo(101);
            c.step().run(ws);
        }
        try (RawWebSocket ws = RawWebSocket.connect(setup.port(), target.path(), "")) {
            assertThat(ws.status()).as("a new session after the case").isEqualTo(101);
            ws.sendText("still serving");
            assertThat(ws.readMessage().text()).isEqualTo("still serving");
        }
    }
}
