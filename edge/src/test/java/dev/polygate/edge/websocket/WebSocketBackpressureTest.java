package dev.polygate.edge.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.edge.testing.RunningGateway;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that stops reading holds a flooding backend back through the gateway (the relay stops reading the
 * backend while the client's connection is not writable), and permessage-deflate cannot be used to make the gateway
 * inflate more than the route's message limit (a compression bomb is refused with 1009).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WebSocketBackpressureTest {
    /**
     * What the backend may get out while the client reads nothing: the kernel grows the socket buffers of both hops
     * to several MB before the pause holds (9.6 MB seen on a loaded machine), as for proxied HTTP/1.1 responses;
     * without the pause the flood goes on until the test's deadline.
     */
    private static final long BOUND = 16L * 1024 * 1024;

    @TempDir
    static Path dir;
    static WebSocketGateway setup;
    static EchoWebSocketBackend backend;
    static RunningGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        setup = new WebSocketGateway(dir, """
                routes:
                  - name: ws
                    match: { prefix: /ws }
                    translator: websocket
                    websocket: { maxFrameSize: 16KiB, maxMessageSize: 64KiB }
                    backend: { upstream: echo }
                """);
        backend = setup.backend;
        gateway = setup.gateway;
    }

    @AfterAll
    static void stop() {
        if (setup != null) {
            setup.close();
        }
    }

    @Test
    void aClientThatStopsReadingHoldsAFloodingBackendBack() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(gateway.httpPort(), RawWebSocket.handshake("/ws/", ""), 16 * 1024)) {
            assertThat(ws.status()).isEqualTo(101);
            ws.sendText("flood");
            long written = backend.awaitFloodSettled();
            assertThat(written).as("bytes the backend wrote while the client read nothing").isPositive()
                    .isLessThan(BOUND);
            // reading again lets the backend go on
            long read = 0;
            while (read < written + 1024 * 1024) {
                read += ws.read().payload().length;
            }
            assertThat(backend.flooded()).isGreaterThan(written);
        }
    }

    @Test
    void aCompressionBombIsRefusedWith1009() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(gateway.httpPort(), "/ws/",
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n")) {
            assertThat(ws.status()).isEqualTo(101);
            assertThat(ws.responseHead().toLowerCase()).contains("sec-websocket-extensions: permessage-deflate");
            // a small compressed message that is fine
            ws.send(RawWebSocket.TEXT, true, 4, true, deflate(new byte[1000], 1));
            RawWebSocket.Frame echo = ws.read();
            assertThat(echo.rsv()).as("compressed by the gateway").isEqualTo(4);
            assertThat(inflate(echo.payload())).hasSize(1000);
            // 10 MB of zeros in about 10 kB: far over the route's 64 KiB message limit once inflated
            ws.send(RawWebSocket.BINARY, true, 4, true, deflate(new byte[1 << 20], 10));
            RawWebSocket.Frame close = ws.readClose();
            assertThat(close.closeCode()).isEqualTo(1009);
        }
        try (RawWebSocket ws = RawWebSocket.connect(gateway.httpPort(), "/ws/", "")) {
            ws.sendText("still here");
            assertThat(ws.read().text()).isEqualTo("still here");
        }
    }

    private static byte[] inflate(byte[] compressed) throws Exception {
        java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
        byte[] input = java.util.Arrays.copyOf(compressed, compressed.length + 4);
        input[input.length - 2] = (byte) 0xff;
        input[input.length - 1] = (byte) 0xff;
        inflater.setInput(input);
        byte[] out = new byte[1 << 16];
        int n = inflater.inflate(out);
        inflater.end();
        return java.util.Arrays.copyOf(out, n);
    }

    /** {@code repeat} copies of {@code block}, deflated as RFC 7692 wants it (raw, without the final 00 00 ff ff). */
    private static byte[] deflate(byte[] block, int repeat) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        for (int i = 0; i < repeat; i++) {
            deflater.setInput(block);
            int n;
            while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH)) > 0) {
                out.write(buffer, 0, n);
            }
        }
        int n;
        while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
            out.write(buffer, 0, n);
        }
        deflater.end();
        byte[] bytes = out.toByteArray();
        return java.util.Arrays.copyOf(bytes, bytes.length - 4);
    }
}
